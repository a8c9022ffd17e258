"""
A confluent-kafka (librdkafka) consumer in a group, for the interop tests of Pipeline.Client.

    confluent_member.py BOOTSTRAP GROUP TOPIC STRATEGY

Prints one JSON object per line on stdout: {"event": "assigned"|"revoked"|"lost", "partitions": [...],
"assignment": [...]} on each rebalance callback (assignment = what it holds afterwards), and
{"event": "record", "partition": p, "offset": o, "value": v} per record. Closes (leaving the group)
when stdin closes or reads "quit".
"""
import json
import sys
import threading

from confluent_kafka import Consumer

bootstrap, group, topic, strategy = sys.argv[1:5]
stop = threading.Event()
held = set()


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def on_assign(consumer, partitions):
    held.update(p.partition for p in partitions)
    emit({"event": "assigned", "partitions": sorted(p.partition for p in partitions), "assignment": sorted(held)})


def on_revoke(consumer, partitions):
    held.difference_update(p.partition for p in partitions)
    emit({"event": "revoked", "partitions": sorted(p.partition for p in partitions), "assignment": sorted(held)})


def on_lost(consumer, partitions):
    held.difference_update(p.partition for p in partitions)
    emit({"event": "lost", "partitions": sorted(p.partition for p in partitions), "assignment": sorted(held)})


def watch_stdin():
    for line in sys.stdin:
        if line.strip() == "quit":
            break
    stop.set()


consumer = Consumer({
    "bootstrap.servers": bootstrap,
    "group.id": group,
    "partition.assignment.strategy": strategy,
    "auto.offset.reset": "earliest",
    "enable.auto.commit": True,
    "auto.commit.interval.ms": 200,
    "session.timeout.ms": 6000,
    "heartbeat.interval.ms": 300,
    "topic.metadata.refresh.interval.ms": 1000,
})
threading.Thread(target=watch_stdin, daemon=True).start()
consumer.subscribe([topic], on_assign=on_assign, on_revoke=on_revoke, on_lost=on_lost)
emit({"event": "started"})
while not stop.is_set():
    msg = consumer.poll(0.1)
    if msg is None or msg.error():
        continue
    emit({"event": "record", "partition": msg.partition(), "offset": msg.offset(), "value": msg.value().decode()})
consumer.close()
emit({"event": "closed"})
