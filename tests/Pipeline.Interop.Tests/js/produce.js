'use strict';
// usage: node produce.js BOOTSTRAP TOPIC RECORDS_JSON
// Sends all records in one producer.send (acks -1, gzip) and prints each with the offset the
// broker assigned (the partition's baseOffset plus the record's place in that partition).
const { CompressionTypes } = require('kafkajs');
const { createKafka } = require('./client');
const { load, emit, headersToObject, run } = require('./records');

const [bootstrap, topic, recordsPath] = process.argv.slice(2);

run(async () => {
    const records = load(recordsPath);
    const producer = createKafka(bootstrap).producer({ allowAutoTopicCreation: false, idempotent: false });
    await producer.connect();
    try {
        const metadata = await producer.send({
            topic,
            acks: -1,
            timeout: 10000,
            compression: CompressionTypes.GZIP,
            messages: records.map((r) => ({ partition: r.p, key: r.k, value: r.v, headers: headersToObject(r.h) })),
        });
        const base = {};
        for (const m of metadata) {
            if (m.errorCode !== 0) {
                throw new Error(`partition ${m.partition}: error code ${m.errorCode}`);
            }
            base[m.partition] = BigInt(m.baseOffset);
        }
        const next = {};
        for (const r of records) {
            const i = next[r.p] || 0n;
            next[r.p] = i + 1n;
            emit(r.p, base[r.p] + i, r.k, r.v, r.h, null, { kind: 'produced' });
        }
    } finally {
        await producer.disconnect();
    }
});
