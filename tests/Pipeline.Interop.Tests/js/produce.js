'use strict';
// usage: node produce.js BOOTSTRAP TOPIC RECORDS_JSON [idempotent]
// Sends all records in one producer.send (acks -1, gzip) and prints each with the offset the
// broker assigned (the partition's baseOffset plus the record's place in that partition).
// "idempotent" makes an idempotent producer (InitProducerId, sequence numbers) that sends the
// records in several producer.send calls of 50, so its sequences continue across requests.
const { CompressionTypes } = require('kafkajs');
const { createKafka } = require('./client');
const { load, emit, headersToObject, run } = require('./records');

const [bootstrap, topic, recordsPath, mode] = process.argv.slice(2);
const idempotent = mode === 'idempotent';

run(async () => {
    const records = load(recordsPath);
    const producer = createKafka(bootstrap).producer({ allowAutoTopicCreation: false, idempotent });
    await producer.connect();
    try {
        const chunkSize = idempotent ? 50 : Math.max(records.length, 1);
        for (let start = 0; start < records.length; start += chunkSize) {
            const chunk = records.slice(start, start + chunkSize);
            const metadata = await producer.send({
                topic,
                acks: -1,
                timeout: 10000,
                compression: CompressionTypes.GZIP,
                messages: chunk.map((r) => ({ partition: r.p, key: r.k, value: r.v, headers: headersToObject(r.h) })),
            });
            const base = {};
            for (const m of metadata) {
                if (m.errorCode !== 0) {
                    throw new Error(`partition ${m.partition}: error code ${m.errorCode}`);
                }
                base[m.partition] = BigInt(m.baseOffset);
            }
            const next = {};
            for (const r of chunk) {
                const i = next[r.p] || 0n;
                next[r.p] = i + 1n;
                emit(r.p, base[r.p] + i, r.k, r.v, r.h, null, { kind: 'produced' });
            }
        }
    } finally {
        await producer.disconnect();
    }
});
