'use strict';
// One kafkajs client per script, quiet unless something goes wrong, with short timeouts so a
// broker that does not answer fails the test quickly instead of hanging it.
const { Kafka, logLevel } = require('kafkajs');

function createKafka(bootstrap) {
    return new Kafka({
        clientId: 'pipeline-interop-js',
        brokers: [bootstrap],
        logLevel: logLevel.ERROR,
        connectionTimeout: 5000,
        requestTimeout: 10000,
        retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
    });
}

module.exports = { createKafka };
