import bin from "../../build/probe.bin";
import widget from "../web/widget.js";
export default { fetch() { return new Response(String(new Uint8Array(bin as ArrayBuffer).length) + typeof widget + widget); } };
