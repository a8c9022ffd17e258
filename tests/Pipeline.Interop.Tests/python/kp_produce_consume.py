"""Produces with kafka-python's KafkaProducer (gzip, acks=all), then reads everything back with a
KafkaConsumer that has no group (group_id=None) using assign/seek_to_beginning, and checks
end_offsets, beginning_offsets, offsets_for_times and seek.

usage: kp_produce_consume.py BOOTSTRAP TOPIC RECORDS_JSON PARTITIONS BASE_TIMESTAMP_MS
Record i gets the timestamp BASE + 10*i. Prints produced records ("kind": "produced"), consumed
records ("kind": "consumed") and one result line per offset query.
"""
import sys
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

import interop_records as io

bootstrap, topic, records_path = sys.argv[1], sys.argv[2], sys.argv[3]
partitions, base_ts = int(sys.argv[4]), int(sys.argv[5])
records = io.load(records_path)

producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", compression_type="gzip",
                         linger_ms=5, retries=0, request_timeout_ms=10000, client_id="pipeline-interop-kp")
futures = []
for i, r in enumerate(records):
    futures.append((r, producer.send(topic, key=r["k"], value=r["v"], headers=r["h"],
                                     partition=r["p"], timestamp_ms=base_ts + 10 * i)))
producer.flush(15)
for r, f in futures:
    meta = f.get(timeout=15)
    io.emit(meta.partition, meta.offset, r["k"], r["v"], r["h"], meta.timestamp, kind="produced")
producer.close(5)

tps = [TopicPartition(topic, p) for p in range(partitions)]
consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                         client_id="pipeline-interop-kp", request_timeout_ms=11000, fetch_max_wait_ms=100)
consumer.assign(tps)
consumer.seek_to_beginning()
consumed = 0
deadline = time.monotonic() + 20
while consumed < len(records) and time.monotonic() < deadline:
    for tp, messages in consumer.poll(timeout_ms=200).items():
        for m in messages:
            io.emit(m.partition, m.offset, m.key, m.value, m.headers, m.timestamp, kind="consumed")
            consumed += 1
if consumed < len(records):
    io.fail("consumed %d of %d records within 20 s" % (consumed, len(records)))

io.result(result="end_offsets", offsets={str(tp.partition): o for tp, o in consumer.end_offsets(tps).items()})
io.result(result="beginning_offsets", offsets={str(tp.partition): o for tp, o in consumer.beginning_offsets(tps).items()})

# offsets_for_times for partition 0 at the timestamp of its middle record (and far in the future).
tp0 = tps[0]
produced0 = [(i, r) for i, r in enumerate(records) if r["p"] == 0]
mid_index = produced0[len(produced0) // 2][0]
query = base_ts + 10 * mid_index
found = consumer.offsets_for_times({tp0: query})[tp0]
future = consumer.offsets_for_times({tp0: base_ts + 10 * len(records) + 1_000_000})[tp0]
io.result(result="offsets_for_times", timestamp=query,
          offset=None if found is None else found.offset,
          found_timestamp=None if found is None else found.timestamp,
          future=None if future is None else future.offset)

# seek to that offset and read one record.
if found is not None:
    consumer.seek(tp0, found.offset)
    first = None
    deadline = time.monotonic() + 10
    while first is None and time.monotonic() < deadline:
        batch = consumer.poll(timeout_ms=200, max_records=1)
        for tp, messages in batch.items():
            if messages:
                first = messages[0]
    io.result(result="seek", offset=None if first is None else first.offset,
              timestamp=None if first is None else first.timestamp)
consumer.close()
