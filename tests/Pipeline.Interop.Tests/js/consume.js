'use strict';
// usage: node consume.js BOOTSTRAP TOPIC GROUP EXPECTED_COUNT [TIMEOUT_MS]
// A kafkajs group consumer (needs FindCoordinator/JoinGroup/SyncGroup/Heartbeat/OffsetFetch):
// subscribes from the beginning and prints records until EXPECTED_COUNT arrived.
const { createKafka } = require('./client');
const { emit, headersFromObject, run } = require('./records');

const [bootstrap, topic, group, expectedText, timeoutText] = process.argv.slice(2);
const expected = Number(expectedText);
const timeoutMs = Number(timeoutText || 20000);

run(async () => {
    const consumer = createKafka(bootstrap).consumer({ groupId: group, sessionTimeout: 10000, heartbeatInterval: 1000, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        let count = 0;
        let done;
        let crashed;
        const finished = new Promise((resolve, reject) => { done = resolve; crashed = reject; });
        // A crash the consumer will not restart from (e.g. an API the broker lacks) fails at once.
        consumer.on(consumer.events.CRASH, (e) => {
            if (!e.payload.restart) {
                crashed(e.payload.error);
            }
        });
        await consumer.run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
                emit(partition, BigInt(message.offset), message.key, message.value, headersFromObject(message.headers), message.timestamp, { kind: 'consumed' });
                count += 1;
                if (count >= expected) {
                    done();
                }
            },
        });
        const timer = new Promise((_, reject) => setTimeout(() => reject(new Error(`consumed ${count} of ${expected} records within ${timeoutMs} ms`)), timeoutMs));
        await Promise.race([finished, timer]);
    } finally {
        await consumer.disconnect();
    }
});
