"""Reads partitions from the beginning with confluent-kafka (librdkafka), without a consumer group.

usage: ck_consume.py BOOTSTRAP TOPIC PARTITIONS EXPECTED_COUNT [TIMEOUT_S]
assign()s every partition at offset 0 (no subscribe, no commits) and prints each record until
EXPECTED_COUNT records arrived; exits 1 on a consumer error or when the timeout passes first.
"""
import sys
import time

from confluent_kafka import Consumer, KafkaError, TopicPartition

import interop_records as io

bootstrap, topic, partitions, expected = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
timeout = float(sys.argv[5]) if len(sys.argv) > 5 else 20.0

# The Python binding insists on a group.id even for assign(); nothing is committed with it.
consumer = Consumer({
    "bootstrap.servers": bootstrap,
    "group.id": "pipeline-interop-unused",
    "enable.auto.commit": False,
    "enable.auto.offset.store": False,
    "enable.partition.eof": False,
    "fetch.wait.max.ms": 100,
    "check.crcs": True,
})
consumer.assign([TopicPartition(topic, p, 0) for p in range(partitions)])

count = 0
deadline = time.monotonic() + timeout
while count < expected:
    if time.monotonic() > deadline:
        io.fail("timed out after %.0f s with %d of %d records" % (timeout, count, expected))
    msg = consumer.poll(0.2)
    if msg is None:
        continue
    if msg.error():
        if msg.error().code() == KafkaError._PARTITION_EOF:
            continue
        io.fail("consumer error: %s" % msg.error())
    ts_type, ts = msg.timestamp()
    io.emit(msg.partition(), msg.offset(), msg.key(), msg.value(), msg.headers(), ts)
    count += 1

# Anything beyond the expected count is a duplicate or a stray record: show it to the test.
end = time.monotonic() + 0.5
while time.monotonic() < end:
    msg = consumer.poll(0.1)
    if msg is not None and not msg.error():
        ts_type, ts = msg.timestamp()
        io.emit(msg.partition(), msg.offset(), msg.key(), msg.value(), msg.headers(), ts)
consumer.close()
