"""Produces records with confluent-kafka (librdkafka) and prints every delivery report.

usage: ck_produce.py BOOTSTRAP TOPIC RECORDS_JSON COMPRESSION [ACKS [idempotent]]
Exits 1 if any delivery failed; each delivered record is printed with its partition and offset.
"idempotent" turns on enable.idempotence (InitProducerId, sequence numbers; needs acks=all).
"""
import sys

from confluent_kafka import Producer

import interop_records as io

bootstrap, topic, records_path, compression = sys.argv[1:5]
acks = sys.argv[5] if len(sys.argv) > 5 else "all"
idempotent = len(sys.argv) > 6 and sys.argv[6] == "idempotent"
records = io.load(records_path)

producer = Producer({
    "bootstrap.servers": bootstrap,
    "compression.type": compression,
    "acks": acks,
    "enable.idempotence": idempotent,
    "linger.ms": 20,
    "batch.num.messages": 1000,
    "message.timeout.ms": 15000,
    "socket.timeout.ms": 10000,
    "api.version.request": True,
})

failures = []
delivered = []


def reporter(record):
    # Delivery reports carry no headers, so remember what was sent with each message.
    def on_delivery(err, msg):
        if err is not None:
            failures.append("%s [%s]: %s" % (msg.topic(), msg.partition(), err))
        else:
            delivered.append((record, msg))
    return on_delivery


# Header values are never None here: confluent-kafka 1.7.0 drops a reference to None for each
# None header value (a refcount bug that crashes the interpreter at exit).
for r in records:
    kwargs = {"key": r["k"], "value": r["v"], "on_delivery": reporter(r)}
    if r["h"]:
        kwargs["headers"] = r["h"]
    if r["p"] is not None:
        kwargs["partition"] = r["p"]
    while True:
        try:
            producer.produce(topic, **kwargs)
            break
        except BufferError:
            producer.poll(0.1)
    producer.poll(0)

remaining = producer.flush(20)
if remaining:
    io.fail("%d message(s) still undelivered after 20 s" % remaining)
for record, msg in delivered:
    ts_type, ts = msg.timestamp()
    io.emit(msg.partition(), msg.offset(), record["k"], record["v"], record["h"], ts)
if failures:
    io.fail("%d delivery failure(s): %s" % (len(failures), "; ".join(failures[:10])))
