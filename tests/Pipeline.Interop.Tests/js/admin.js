'use strict';
// usage: node admin.js BOOTSTRAP TOPIC
// createTopics (with configs), again, listTopics, fetchTopicMetadata, describeConfigs,
// alterConfigs, describeConfigs, deleteTopics, listTopics; one JSON result per step.
const { ConfigResourceTypes } = require('kafkajs');
const { createKafka } = require('./client');
const { result, run } = require('./records');

const [bootstrap, topic] = process.argv.slice(2);

async function configs(admin) {
    const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
    });
    const resource = described.resources[0];
    const entries = {};
    for (const e of resource.configEntries) {
        entries[e.configName] = e.configValue;
    }
    return { error_code: resource.errorCode, entries };
}

run(async () => {
    const admin = createKafka(bootstrap).admin();
    await admin.connect();
    try {
        const spec = {
            topics: [{
                topic,
                numPartitions: 3,
                replicationFactor: 1,
                configEntries: [{ name: 'retention.ms', value: '3600000' }, { name: 'cleanup.policy', value: 'delete' }],
            }],
            waitForLeaders: true,
            timeout: 10000,
        };
        result({ result: 'create', created: await admin.createTopics(spec) });
        result({ result: 'create_again', created: await admin.createTopics(spec) });
        result({ result: 'list', topics: (await admin.listTopics()).sort() });
        const meta = await admin.fetchTopicMetadata({ topics: [topic] });
        result({
            result: 'metadata',
            topics: meta.topics.map((t) => ({
                name: t.name,
                partitions: t.partitions
                    .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr, error_code: p.partitionErrorCode }))
                    .sort((a, b) => a.partition - b.partition),
            })),
        });
        result(Object.assign({ result: 'describe_configs' }, await configs(admin)));
        await admin.alterConfigs({
            validateOnly: false,
            resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'retention.ms', value: '7200000' }] }],
        });
        result({ result: 'alter_configs' });
        result(Object.assign({ result: 'describe_configs_after_alter' }, await configs(admin)));
        await admin.deleteTopics({ topics: [topic], timeout: 10000 });
        result({ result: 'delete' });
        let remaining = await admin.listTopics();
        const deadline = Date.now() + 5000;
        while (remaining.includes(topic) && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 100));
            remaining = await admin.listTopics();
        }
        result({ result: 'list_after_delete', topics: remaining.sort() });
    } finally {
        await admin.disconnect();
    }
});
