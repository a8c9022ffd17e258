"""A kafka-python consumer group: two KafkaConsumers in one process (one thread each), or one
consumer resuming where the group left off.

usage: kp_group.py BOOTSTRAP TOPIC PARTITIONS GROUP EXPECTED_COUNT MODE [TIMEOUT_S]
MODE "pair": two consumers subscribe, read until EXPECTED_COUNT records arrived between them,
committing synchronously after each poll, then print their final assignments and close (LeaveGroup).
MODE "resume": one new consumer reads until EXPECTED_COUNT records arrived, then keeps polling
briefly so that anything re-delivered shows up, and prints what it read and the committed offsets.
Consumed records are printed with "kind": "consumed" and "consumer": its index.
"""
import sys
import threading
import time

from kafka import KafkaConsumer, TopicPartition

import interop_records as io

bootstrap, topic, partitions, group = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
expected, mode = int(sys.argv[5]), sys.argv[6]
timeout = float(sys.argv[7]) if len(sys.argv) > 7 else 25.0

lock = threading.Lock()
consumed = [0]
stop = threading.Event()
errors = []
assignments = {}


def new_consumer(index):
    return KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, client_id="kp-group-%d" % index,
                         auto_offset_reset="earliest", enable_auto_commit=False,
                         session_timeout_ms=10000, heartbeat_interval_ms=1000, max_poll_interval_ms=20000,
                         request_timeout_ms=30000, fetch_max_wait_ms=100)


def consume(index, consumer, until_stopped):
    try:
        while not stop.is_set():
            batch = consumer.poll(timeout_ms=200)
            for tp, messages in batch.items():
                for m in messages:
                    with lock:
                        io.emit(m.partition, m.offset, m.key, m.value, m.headers, m.timestamp, kind="consumed", consumer=index)
                        consumed[0] += 1
            if batch:
                # Committed before the next poll, so a rebalance inside it starts from here.
                consumer.commit()
            with lock:
                assignments[index] = sorted(tp.partition for tp in consumer.assignment())
                if not until_stopped and consumed[0] >= expected:
                    return
    except Exception as e:  # reported by the main thread
        errors.append("consumer %d: %r" % (index, e))


if mode == "pair":
    consumers = [new_consumer(0), new_consumer(1)]
    threads = [threading.Thread(target=consume, args=(i, c, True)) for i, c in enumerate(consumers)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not errors:
        # Done once everything arrived and both members hold partitions that cover the topic.
        with lock:
            held = [assignments.get(i, []) for i in range(len(consumers))]
            done = consumed[0] >= expected and all(held) and sorted(sum(held, [])) == list(range(partitions))
        if done:
            break
        time.sleep(0.1)
    stop.set()
    for t in threads:
        t.join(10)
    if errors:
        io.fail("; ".join(errors))
    if consumed[0] < expected:
        io.fail("consumed %d of %d records within %.0f s" % (consumed[0], expected, timeout))
    for i in range(len(consumers)):
        io.result(result="assignment-%d" % i, partitions=assignments.get(i, []))
    for c in consumers:
        c.close()
elif mode == "resume":
    consumer = new_consumer(2)
    worker = threading.Thread(target=consume, args=(2, consumer, True))
    worker.start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not errors:
        with lock:
            if consumed[0] >= expected:
                break
        time.sleep(0.1)
    # Keep reading a little: a re-delivered record would show up now.
    time.sleep(1.5)
    stop.set()
    worker.join(10)
    if errors:
        io.fail("; ".join(errors))
    io.result(result="committed", offsets={str(p): consumer.committed(TopicPartition(topic, p)) for p in range(partitions)})
    consumer.close()
    if consumed[0] < expected:
        io.fail("resumed consumer read %d of %d records within %.0f s" % (consumed[0], expected, timeout))
else:
    io.fail("unknown mode " + mode)
