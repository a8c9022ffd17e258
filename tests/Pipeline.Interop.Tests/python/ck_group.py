"""confluent-kafka (librdkafka) consumer group with the cooperative-sticky assignor and manual commits.

usage: ck_group.py BOOTSTRAP TOPIC PARTITIONS GROUP EXPECTED_COUNT [TIMEOUT_S]
Consumer 0 subscribes alone and reads part of the records; consumer 1 joins and the group
rebalances incrementally (consumer 0 gives up some partitions and keeps the others). Each record
is committed (synchronously) after it is printed. At the end each consumer compares committed()
and position() of its partitions, prints its assignment and the partitions consumer 0 had revoked.
"""
import sys
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, TopicPartition

import interop_records as io

bootstrap, topic, partitions, group = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
expected = int(sys.argv[5])
timeout = float(sys.argv[6]) if len(sys.argv) > 6 else 25.0

revoked = [[], []]
assigned = [[], []]


def make(index):
    def on_assign(consumer, tps):
        assigned[index].append(sorted(tp.partition for tp in tps))

    def on_revoke(consumer, tps):
        revoked[index].append(sorted(tp.partition for tp in tps))

    c = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": group,
        "client.id": "ck-group-%d" % index,
        "partition.assignment.strategy": "cooperative-sticky",
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
        "session.timeout.ms": 10000,
        "heartbeat.interval.ms": 500,
        "fetch.wait.max.ms": 100,
        "enable.partition.eof": False,
    })
    c.subscribe([topic], on_assign=on_assign, on_revoke=on_revoke)
    return c


consumers = [make(0)]
count = [0]
commit_failures = [0]


def commit_positions(c):
    """Commits the consumed positions of the assignment, retrying while a rebalance finishes."""
    for _ in range(50):
        try:
            c.commit(asynchronous=False)
            return
        except KafkaException as e:
            if e.args[0].code() == KafkaError._NO_OFFSET:
                return
            if e.args[0].code() not in (KafkaError.REBALANCE_IN_PROGRESS, KafkaError.ILLEGAL_GENERATION):
                raise
            c.poll(0.1)
    io.fail("could not commit the final positions")


def poll(index):
    msg = consumers[index].poll(0.1)
    if msg is None:
        return
    if msg.error():
        io.fail("consumer %d error: %s" % (index, msg.error()))
    ts_type, ts = msg.timestamp()
    io.emit(msg.partition(), msg.offset(), msg.key(), msg.value(), msg.headers(), ts, kind="consumed", consumer=index)
    count[0] += 1
    try:
        consumers[index].commit(message=msg, asynchronous=False)
    except KafkaException as e:
        if e.args[0].code() not in (KafkaError.REBALANCE_IN_PROGRESS, KafkaError.ILLEGAL_GENERATION):
            raise
        commit_failures[0] += 1


def current(index):
    return sorted(tp.partition for tp in consumers[index].assignment())


deadline = time.monotonic() + timeout
while time.monotonic() < deadline and not (len(current(0)) == partitions and count[0] >= expected // 4):
    poll(0)
if len(current(0)) != partitions:
    io.fail("consumer 0 never got all %d partitions alone (has %s)" % (partitions, current(0)))

consumers.append(make(1))
while time.monotonic() < deadline:
    poll(0)
    poll(1)
    a0, a1 = current(0), current(1)
    if count[0] >= expected and a0 and a1 and sorted(a0 + a1) == list(range(partitions)):
        break
else:
    io.fail("after %.0f s: %d of %d records, assignments %s and %s" % (timeout, count[0], expected, current(0), current(1)))

# Drain what is already fetched, then compare the committed offsets with the positions
# (librdkafka's position() is -1001 for a partition this consumer has not read from yet).
end = time.monotonic() + 1.0
while time.monotonic() < end:
    poll(0)
    poll(1)
for c in consumers:
    commit_positions(c)
for i, c in enumerate(consumers):
    tps = c.assignment()
    committed = {tp.partition: tp.offset for tp in c.committed(tps, timeout=10)}
    positions = {tp.partition: tp.offset for tp in c.position(tps)}
    io.result(result="offsets-%d" % i, committed={str(k): v for k, v in committed.items()},
              position={str(k): v for k, v in positions.items()}, assignment=current(i))
io.result(result="revoked-0", events=revoked[0])
io.result(result="commit-failures", count=commit_failures[0])
io.result(result="assigned-0", events=assigned[0])
for c in consumers:
    c.close()
