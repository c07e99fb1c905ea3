/** Sign a tampered binary again, as a buggy or hostile builder would: its checksum then holds. */
import { CHECKSUM_OFFSET, checksumBody } from "../../src/core/binary";

export async function resign(b: Uint8Array): Promise<Uint8Array> {
  b.set(new Uint8Array(await crypto.subtle.digest("SHA-256", checksumBody(b))), CHECKSUM_OFFSET);
  return b;
}
