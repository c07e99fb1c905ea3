/**
 * The conformance table: what the engine must decide on the test lexicon (test/fixtures/lexicon).
 * Ids are numbered in tens so a case can be slotted in between. Every case runs on every form of
 * the automaton (conformance.test.ts). `matches` lists the entries reported, in text order, with
 * the original text each covers.
 */
import type { Decision, Kind } from "../../src/core/types";

export interface Case {
  id: string;
  q: string;
  kind?: Kind;
  decision: Decision;
  matches?: [entry: string, text: string][];
  reasons?: string[];
}

export const CASES: Case[] = [
  // Plain terms, every script.
  { id: "basic000", q: "ivory", decision: "warn", matches: [["elephant-ivory/ivory", "ivory"]], reasons: ["term"] },
  { id: "basic010", q: "ivory bangle", decision: "warn", matches: [["elephant-ivory/ivory-bangle", "ivory bangle"]] },
  { id: "basic020", q: "antique ivory bangles", decision: "warn", matches: [["elephant-ivory/ivory-bangle", "ivory bangles"]] },
  { id: "basic030", q: "象牙手镯", decision: "warn", matches: [["elephant-ivory/象牙手镯", "象牙手镯"]] },
  { id: "basic040", q: "corne de rhinocéros", decision: "warn", matches: [["rhino-horn/corne-de-rhinocéros", "corne de rhinocéros"]] },
  { id: "basic050", q: "weather today", decision: "allow", matches: [], reasons: [] },
  { id: "basic060", q: "", decision: "allow", matches: [] },

  // Leftmost-longest: the longest term at the leftmost start wins, the rest do not double count.
  { id: "longest000", q: "象牙手镯 牙雕", decision: "warn", matches: [["elephant-ivory/象牙手镯", "象牙手镯"], ["elephant-ivory/牙雕", "牙雕"]] },
  { id: "longest010", q: "穿山甲片", decision: "warn", matches: [["pangolin/穿山甲片", "穿山甲片"]] },

  // Trade intent escalates to block.
  { id: "trade000", q: "ivory bangle for sale", decision: "block", reasons: ["term", "trade_intent"] },
  { id: "trade010", q: "buy rhino horn", decision: "block", matches: [["rhino-horn/rhino-horn", "rhino horn"]] },
  { id: "trade020", q: "象牙 出售", decision: "block" },
  { id: "trade030", q: "ivoire à vendre", decision: "block" },
  { id: "trade040", q: "犀牛角 for sale", decision: "block" },
  { id: "trade050", q: "for sale", decision: "allow" },
  { id: "trade060", q: "bán sừng tê giác", decision: "block", reasons: ["term", "trade_intent"] },

  // A price is trade intent beside a product term (src/core/price.ts), not beside a species name alone.
  { id: "price000", q: "ivory bangle $200", decision: "block", reasons: ["term", "price"], matches: [["elephant-ivory/ivory-bangle", "ivory bangle"]] },
  { id: "price010", q: "象牙手镯 3000元", decision: "block", reasons: ["term", "price"] },
  { id: "price020", q: "gading gajah 150rb", decision: "block", reasons: ["term", "price"] },
  { id: "price030", q: "sừng tê giác 500k", decision: "block", reasons: ["term", "price"] },
  { id: "price035", q: "象牙手镯¥500", decision: "block", reasons: ["term", "price"] },
  { id: "price040", q: "ivory bangle 18k gold", decision: "warn", reasons: ["term"] },
  { id: "price050", q: "ivory bangle 2024", decision: "warn", reasons: ["term"] },
  { id: "price060", q: "otter 1500円", decision: "allow", reasons: [] },
  { id: "price065", q: "pet otter $200", decision: "warn", reasons: ["term"] },
  { id: "price067", q: "weather 500k", decision: "allow", reasons: [] },
  { id: "price070", q: "ivory ban fine $5000", decision: "warn", reasons: ["term", "price", "conservation_context"] },
  { id: "price080", q: "ivory coast $200", decision: "allow", reasons: ["allowlisted"] },

  // Same-language trade words and homographs: vi `bán` folds to en `ban`.
  { id: "lang000", q: "ivory ban", decision: "warn", reasons: ["term", "conservation_context"] },
  { id: "lang010", q: "rhino horn bán", decision: "warn" },

  // Code words.
  { id: "code000", q: "象塑", decision: "block", reasons: ["code_word"] },
  { id: "code010", q: "白塑料", decision: "allow" },
  { id: "code020", q: "白塑料 出售", decision: "block", matches: [["elephant-ivory/白塑料", "白塑料"]] },
  { id: "code030", q: "白塑料 象牙", decision: "warn" },

  // Context terms need another term or trade intent.
  { id: "ctx000", q: "otter", decision: "allow" },
  { id: "ctx010", q: "pet otter", decision: "warn" },
  { id: "ctx020", q: "otter for sale", decision: "block" },
  { id: "ctx030", q: "pet shop", decision: "allow" },
  // A generic keeping word counts only beside a specific species, not with trade intent alone.
  { id: "ctx040", q: "pet for sale", decision: "allow" },
  { id: "ctx050", q: "宠物 出售", decision: "allow" },
  { id: "ctx060", q: "pet otter for sale", decision: "block" },
  // A context term never hides a product term it overlaps.
  { id: "ctx070", q: "moon bear bile", decision: "warn", matches: [["bear-parts/bear-bile", "bear bile"]] },
  { id: "ctx080", q: "moon bear rescue", decision: "allow" },
  // Katakana words end where the katakana run ends.
  { id: "ctx090", q: "カワウソ ペット", decision: "warn" },
  { id: "ctx100", q: "カワウソのカーペット", decision: "allow" },
  { id: "ctx110", q: "カワウソ 販売", decision: "block" },

  // Conservation and news context never block.
  { id: "news000", q: "象牙 禁令", decision: "warn" },
  { id: "news010", q: "ivory for sale ban", decision: "warn", reasons: ["term", "trade_intent", "conservation_context"] },

  // Exceptions beat the terms inside them.
  { id: "except000", q: "ivory coast", decision: "allow", matches: [], reasons: ["allowlisted"] },
  { id: "except010", q: "Ivory Coast travel", decision: "allow" },
  { id: "except020", q: "Côte d'Ivoire", decision: "allow" },
  { id: "except030", q: "ivory tower meaning", decision: "allow" },
  { id: "except040", q: "走出象牙塔", decision: "allow" },
  { id: "except050", q: "ivory coast ivory bangle", decision: "warn", matches: [["elephant-ivory/ivory-bangle", "ivory bangle"]] },

  // Word boundaries (the Scunthorpe problem).
  { id: "bound000", q: "shoehorn", decision: "allow" },
  { id: "bound010", q: "rhino hornbeam", decision: "allow" },
  { id: "bound020", q: "ivorycolored", decision: "allow" },
  { id: "bound030", q: "rhino horn!", decision: "warn" },
  { id: "bound040", q: "(ivory)", decision: "warn" },
  { id: "bound050", q: "买象牙手镯", decision: "warn" },

  // Evasions.
  { id: "evade000", q: "1v0ry f0r sale", decision: "block", matches: [["elephant-ivory/ivory", "1v0ry"]] },
  { id: "evade010", q: "i.v.o.r.y bangle", decision: "warn", matches: [["elephant-ivory/ivory-bangle", "i.v.o.r.y bangle"]] },
  { id: "evade020", q: "r-h-i-n-o horn", decision: "warn" },
  { id: "evade030", q: "i v o r y", decision: "warn" },
  // Spaced-out letters run together are segmented as a hashtag: by the hits, not by lost spaces.
  { id: "evade031", q: "i v o r y f o r s a l e", decision: "block", matches: [["elephant-ivory/ivory", "i v o r y"]] },
  { id: "evade032", q: "r.h.i.n.o.h.o.r.n", decision: "warn", matches: [["rhino-horn/rhino-horn", "r.h.i.n.o.h.o.r.n"]] },
  { id: "evade033", q: "s h o e h o r n", decision: "allow" },
  { id: "evade040", q: "ivoooory", decision: "warn", matches: [["elephant-ivory/ivory", "ivoooory"]] },
  { id: "evade050", q: "IVORY BANGLE", decision: "warn" },
  { id: "evade060", q: "ｉｖｏｒｙ　ｂａｎｇｌｅ", decision: "warn" },
  { id: "evade070", q: "іvоrу", decision: "warn" }, // Cyrillic і о у
  { id: "evade080", q: "ιvοry", decision: "warn" }, // Greek ι ο
  { id: "evade090", q: "iv\u200bory", decision: "warn", matches: [["elephant-ivory/ivory", "iv\u200bory"]] },
  { id: "evade100", q: "象\u200d牙 出售", decision: "block" },
  { id: "evade110", q: "象 牙", decision: "warn" },
  { id: "evade120", q: "象*牙", decision: "warn" },
  { id: "evade130", q: "象牙手鐲", decision: "warn" }, // Traditional characters
  { id: "evade140", q: "xiangya", decision: "warn" },
  { id: "evade150", q: "chuan shan jia pian pifa", decision: "block" },
  { id: "evade160", q: "xiang牙", decision: "warn" },
  { id: "evade170", q: "🦏 horn price", decision: "block" },
  { id: "evade180", q: "🦏\ufe0f horn", decision: "warn" },
  { id: "evade190", q: "🐘🦷", decision: "warn" },
  { id: "evade200", q: "s.ừ.n.g t.ê g.i.á.c", decision: "warn" },
  { id: "evade210", q: "ivóry", decision: "warn" },
  { id: "evade220", q: "p@ngolin $cales", decision: "warn", matches: [["pangolin/pangolin-scales", "p@ngolin $cales"]] },
  { id: "evade230", q: "ivory $100", decision: "block", reasons: ["term", "price"], matches: [["elephant-ivory/ivory", "ivory"]] },

  // Hashtags.
  { id: "tag000", q: "#ivory", decision: "warn" },
  { id: "tag010", q: "#IvoryForSale", decision: "block" },
  { id: "tag020", q: "#rhinohornforsale", decision: "block", matches: [["rhino-horn/rhino-horn", "rhinohorn"]] },
  { id: "tag030", q: "#1v0ryf0rsale", decision: "block" },
  { id: "tag040", q: "#象牙手镯", decision: "warn" },
  { id: "tag050", q: "#shoehornforsale", decision: "allow" },
  { id: "tag060", q: "#CôteDIvoire", decision: "allow" },
  { id: "tag070", q: "#ivorycoast", decision: "allow" },
  { id: "tag080", q: "＃ivory", decision: "warn" },
  { id: "tag090", q: "#vintageivory", decision: "warn" },
  { id: "tag100", q: "#sừngtêgiác", decision: "warn" },
  { id: "tag110", q: "#rhinohorn", kind: "query", decision: "warn" },
  { id: "tag120", q: "ivoryforsale", kind: "hashtag", decision: "block" },
  // A letter doubled where two words meet is folded in a hashtag, and in the joined term.
  { id: "tag130", q: "#jualgadinggajah", decision: "block", matches: [["elephant-ivory/gading-gajah", "gadinggajah"]] },
  // An exception must be a whole segment of a hashtag: ivory coasters are ivory.
  { id: "tag140", q: "#ivorycoasters", decision: "warn" },
  { id: "tag150", q: "#ivorycoastforsale", decision: "allow" },

  // Odd text never throws and decides sanely.
  { id: "odd000", q: "\u0000\u0001\u0002", decision: "allow" },
  { id: "odd010", q: "\ud800ivory\udc00", decision: "warn" },
  { id: "odd020", q: "\u202eivory\u202c", decision: "warn" },
  { id: "odd030", q: "#", decision: "allow" },
  { id: "odd040", q: "   ", decision: "allow" },
  { id: "odd050", q: "🐘".repeat(500), decision: "allow" },
];
