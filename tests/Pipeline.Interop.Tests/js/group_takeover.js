'use strict';
// usage: node group_takeover.js BOOTSTRAP TOPIC PARTITIONS GROUP FIRST_COUNT SECOND_RECORDS_JSON [TIMEOUT_MS]
// Two kafkajs consumers of one group read the FIRST_COUNT records already in TOPIC (offsets are
// committed after each batch, kafkajs' default); then consumer 1 disconnects (LeaveGroup), the
// records of SECOND_RECORDS_JSON are produced, and consumer 0 - which takes over the partitions of
// consumer 1 - reads them. Prints consumed records ("kind": "consumed", "consumer": i), the
// produced second records ("kind": "produced") and each consumer's assignments.
const { createKafka } = require('./client');
const { load, emit, result, headersToObject, headersFromObject, run } = require('./records');

const [bootstrap, topic, partitionsText, group, firstText, secondPath, timeoutText] = process.argv.slice(2);
const partitionCount = Number(partitionsText);
const firstCount = Number(firstText);
const timeoutMs = Number(timeoutText || 25000);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition, what) {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await sleep(50);
    }
}

run(async () => {
    const kafka = createKafka(bootstrap);
    const second = load(secondPath);
    let consumed = 0;
    const assignments = [[], []];
    const consumers = [0, 1].map((i) => kafka.consumer({ groupId: group, sessionTimeout: 10000, rebalanceTimeout: 10000, heartbeatInterval: 500, maxWaitTimeInMs: 100 }));
    const crashes = [];
    for (const [i, consumer] of consumers.entries()) {
        consumer.on(consumer.events.GROUP_JOIN, (e) => {
            assignments[i] = (e.payload.memberAssignment[topic] || []).slice().sort();
        });
        consumer.on(consumer.events.CRASH, (e) => crashes.push(e.payload.error));
        await consumer.connect();
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
    }

    await Promise.all(consumers.map((consumer, i) => consumer.run({
        eachMessage: async ({ partition, message }) => {
            emit(partition, BigInt(message.offset), message.key, message.value, headersFromObject(message.headers), message.timestamp, { kind: 'consumed', consumer: i });
            consumed += 1;
        },
    })));

    await until(() => crashes.length > 0 || (consumed >= firstCount && assignments[0].length > 0 && assignments[1].length > 0), 'both consumers to share the group and read the first records');
    if (crashes.length > 0) {
        throw crashes[0];
    }
    result({ result: 'assignment-before-0', partitions: assignments[0] });
    result({ result: 'assignment-before-1', partitions: assignments[1] });

    await consumers[1].disconnect();

    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const metadata = await producer.send({
        topic,
        acks: -1,
        messages: second.map((r) => ({ partition: r.p, key: r.k, value: r.v, headers: headersToObject(r.h) })),
    });
    await producer.disconnect();
    const base = {};
    for (const m of metadata) {
        base[m.partition] = BigInt(m.baseOffset);
    }
    const next = {};
    for (const r of second) {
        const i = next[r.p] || 0n;
        next[r.p] = i + 1n;
        emit(r.p, base[r.p] + i, r.k, r.v, r.h, null, { kind: 'produced' });
    }

    await until(() => crashes.length > 0 || (consumed >= firstCount + second.length && assignments[0].length === partitionCount), 'consumer 0 to take over every partition and read the second records');
    if (crashes.length > 0) {
        throw crashes[0];
    }
    // Anything read twice would show up now.
    await sleep(1000);
    result({ result: 'assignment-after-0', partitions: assignments[0] });
    await consumers[0].disconnect();
});
