// The entries of a zip file (an .xlsx), by name, inflated: enough of the
// format (central directory, stored or deflated entries) to compare two
// workbooks entry by entry.
import { inflateRawSync } from 'node:zlib';

export function zipEntries(bytes) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = b.length - 22;
  while (end >= 0 && b.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file (no end of central directory)');
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (b.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = b.readUInt16LE(at + 10);
    const compressed = b.readUInt32LE(at + 20);
    const nameLength = b.readUInt16LE(at + 28);
    const extraLength = b.readUInt16LE(at + 30);
    const commentLength = b.readUInt16LE(at + 32);
    const local = b.readUInt32LE(at + 42);
    const name = b.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(dataAt, dataAt + compressed);
    entries.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// The CLI's workbook says when it was written (docProps/core.xml,
// dcterms:created and dcterms:modified, to the second): two runs compare
// equal when everything else is.
export function sameWorkbook(a, b) {
  if (Buffer.from(a).equals(Buffer.from(b))) return { same: true };
  const stamp = /(<dcterms:(?:created|modified) [^>]*>)[^<]*(<)/g;
  const ea = zipEntries(a), eb = zipEntries(b);
  const names = [...ea.keys()];
  if (names.join('\n') !== [...eb.keys()].join('\n')) return { same: false, why: `entries ${names} vs ${[...eb.keys()]}` };
  for (const name of names) {
    let x = ea.get(name), y = eb.get(name);
    if (name === 'docProps/core.xml') {
      x = Buffer.from(x.toString('utf8').replace(stamp, '$1…$2'));
      y = Buffer.from(y.toString('utf8').replace(stamp, '$1…$2'));
    }
    if (!x.equals(y)) return { same: false, why: `${name} differs` };
  }
  return { same: true };
}
