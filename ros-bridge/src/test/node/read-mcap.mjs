// Reads an MCAP file with an independent reader (@mcap/core) and prints what it found as JSON, for the JUnit test
// McapNodeReaderTest. Checks on the way: every chunk's CRC (the stream reader validates them), the data section's
// and the summary's CRCs (computed here), the indexed reader's messages against the stream reader's, and that every
// message decodes with its channel's ros2msg schema (@foxglove/rosmsg + @foxglove/rosmsg2-serialization).
// Usage: node read-mcap.mjs FILE.mcap   (exit 0 and JSON on stdout; exit 1 and a message on stderr otherwise)
import { readFile } from "node:fs/promises";
import { McapIndexedReader, McapStreamReader } from "@mcap/core";
import { crc32 } from "@foxglove/crc";
import { decompress } from "fzstd";
import { parse } from "@foxglove/rosmsg";
import { MessageReader } from "@foxglove/rosmsg2-serialization";

const decompressHandlers = {
  zstd: (data, size) => {
    const out = decompress(data);
    if (BigInt(out.byteLength) !== size) {
      throw new Error(`zstd chunk decompressed to ${out.byteLength} bytes, expected ${size}`);
    }
    return out;
  },
};

function fail(message) {
  process.stderr.write(`read-mcap: ${message}\n`);
  process.exit(1);
}

function plain(value) {
  if (typeof value === "bigint") return value.toString();
  if (ArrayBuffer.isView(value)) return Array.from(value, (x) => (typeof x === "bigint" ? x.toString() : x));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

const file = process.argv[2];
if (!file) fail("usage: node read-mcap.mjs FILE.mcap");
const bytes = new Uint8Array(await readFile(file));
const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// 1. The whole file, record by record.
const stream = new McapStreamReader({ decompressHandlers, validateCrcs: true, includeChunks: true });
stream.append(bytes);
const recordCounts = {};
const streamMessages = [];
let header;
let dataEnd;
let footer;
for (let record; (record = stream.nextRecord()); ) {
  recordCounts[record.type] = (recordCounts[record.type] ?? 0) + 1;
  if (record.type === "Header") header = record;
  if (record.type === "Message") streamMessages.push(record);
  if (record.type === "DataEnd") dataEnd = record;
  if (record.type === "Footer") footer = record;
}
if (!stream.done()) fail("the stream reader did not reach the end of the file");
if (!footer || !dataEnd) fail("no Footer or Data End record");

// 2. The CRCs the stream reader does not check.
const footerStart = bytes.byteLength - 8 - 29;
const summaryStart = Number(footer.summaryStart);
const dataEndStart = (summaryStart || Number(footer.summaryOffsetStart) || footerStart) - 13;
const dataCrc = crc32(bytes.subarray(0, dataEndStart));
if (view.getUint8(dataEndStart) !== 0x0f) fail(`no Data End record at ${dataEndStart}`);
if (dataEnd.dataSectionCrc !== 0 && dataEnd.dataSectionCrc !== dataCrc) {
  fail(`data section CRC ${dataEnd.dataSectionCrc} != computed ${dataCrc}`);
}
const summaryCrc = crc32(bytes.subarray(summaryStart || footerStart, footerStart + 1 + 8 + 16));
if (footer.summaryCrc !== 0 && footer.summaryCrc !== summaryCrc) {
  fail(`summary CRC ${footer.summaryCrc} != computed ${summaryCrc}`);
}

// 3. The indexed reader: footer, summary, chunk indexes, message indexes.
const readable = {
  size: async () => BigInt(bytes.byteLength),
  read: async (offset, size) => bytes.subarray(Number(offset), Number(offset + size)),
};
const indexed = await McapIndexedReader.Initialize({ readable, decompressHandlers });
const readers = new Map();
for (const [id, channel] of indexed.channelsById) {
  const schema = indexed.schemasById.get(channel.schemaId);
  if (schema && schema.encoding === "ros2msg") {
    const text = new TextDecoder().decode(schema.data);
    readers.set(id, new MessageReader(parse(text, { ros2: true })));
  }
}
const messages = [];
for await (const m of indexed.readMessages()) {
  const channel = indexed.channelsById.get(m.channelId);
  const reader = readers.get(m.channelId);
  messages.push({
    topic: channel.topic,
    sequence: m.sequence,
    logTime: m.logTime.toString(),
    publishTime: m.publishTime.toString(),
    data: Buffer.from(m.data).toString("base64"),
    decoded: reader ? plain(reader.readMessage(m.data)) : null,
  });
}
if (messages.length !== streamMessages.length) {
  fail(`the indexed reader found ${messages.length} messages, the stream reader ${streamMessages.length}`);
}

const stats = indexed.statistics;
process.stdout.write(
  JSON.stringify({
    profile: header.profile,
    library: header.library,
    recordCounts,
    crc: { dataSection: dataEnd.dataSectionCrc === dataCrc, summary: footer.summaryCrc === summaryCrc },
    schemas: [...indexed.schemasById.values()].map((s) => ({
      id: s.id,
      name: s.name,
      encoding: s.encoding,
      text: new TextDecoder().decode(s.data),
    })),
    channels: [...indexed.channelsById.values()].map((c) => ({
      id: c.id,
      topic: c.topic,
      schemaId: c.schemaId,
      messageEncoding: c.messageEncoding,
      metadata: Object.fromEntries(c.metadata),
    })),
    statistics: stats && {
      messageCount: stats.messageCount.toString(),
      chunkCount: stats.chunkCount,
      channelMessageCounts: Object.fromEntries([...stats.channelMessageCounts].map(([k, v]) => [k, v.toString()])),
    },
    chunkIndexes: indexed.chunkIndexes.length,
    metadata: [...indexed.metadataIndexes].map((m) => m.name),
    messages,
  }) + "\n",
);
