/** Prices as trade intent (src/core/price.ts): what reads as a price and what must not. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasPrice } from "../../src/core/price";

describe("hasPrice", () => {
  it.each([
    "vòng tay 500k", "giá 2tr5", "1.200.000đ", "$200", "US$ 20", "R$ 150", "Rp 150.000", "150rb", "1,5 jt", "RM50 cod",
    "3000元", "5万", "1000円", "１０００円", "10만원", "฿500", "500 บาท", "500 euros", "20 bucks", "₹5000", "5000 रुपये",
    "ksh 2000", "300 درهم", "1500 руб", "99k", "1.5k", "2,5k", "象牙手镯¥500", "象牙手镯￥500", "งาช้าง฿500", "象牙500k",
    "HK$500", "NT$ 500", "S$50", "500 THB", "50000 IDR", "100 RMB", "5000 yen", "1000块钱", "𝟓𝟎𝟎𝐤", "1.500.000 VND", "$ 1,200", "Rp1jt",
    "500.000 ກີບ", "50000 kip", "200000 រៀល", "5000 ကျပ်", "350 soles", "Bs 800", "Bs. 800", "S/ 350", "S/.120",
    "500000ກີບເທົ່ານັ້ນ", "၅၀၀၀၀ကျပ်ပဲ", "50000រៀលទេ", "2 ລ້ານກີບ", "၅၀ သိန်း", "5ម៉ឺនរៀល",
  ])("reads %j as a price", (q) => expect(hasPrice(q)).toBe(true));

  it.each([
    "2023", "ivory tower 1990s", "4k wallpaper", "8k video", "18k gold", "24k", "3d model", "5g phone", "iphone 15",
    "size 42", "top 10", "1000 pieces", "5 kg", "a4 paper", "rm -rf", "room 500", "covid19", "ivory8k",
    "21k gold", "12700k", "i9 13900k", "100k followers", "50k miles", "rs3", "rm2", "10:00", "50%", "0912 345 678", "2024-05-01", "500 bsc", "kip 500", "2 kipper", "108 bs tư vấn", "2 bs degrees", "20 bolivianos aprehendidos",
    "3 soles guía repsol", "2 kip", "50 kip load", "1 riel", "ဆင်စွယ် ၁ ကျပ်", "4 ກີບ", "5000 ကျပ်သား",
  ])("does not read %j as a price", (q) => expect(hasPrice(q)).toBe(false));

  it("never reads a bare number or a year as a price (property)", () => {
    fc.assert(fc.property(fc.nat(), fc.constantFrom("", " ", "-"), (n, sep) => !hasPrice(`rhino horn${sep}${n}`)));
  });
});
