"""Drives the admin API with kafka-python's KafkaAdminClient and prints one JSON result per step.

usage: kp_admin.py BOOTSTRAP TOPIC
Steps: create (3 partitions, with configs), create again, list, describe, describe_configs,
alter_configs, describe_configs, delete, list until gone. The C# test asserts on the results.
"""
import json
import sys
import time

from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient, NewTopic
from kafka.errors import KafkaError

import interop_records as io

bootstrap, topic = sys.argv[1], sys.argv[2]

admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="pipeline-interop-admin", request_timeout_ms=10000)
io.result(result="api_version", version=list(admin.config["api_version"]))


def topic_errors(response):
    obj = response.to_object()
    key = "topic_errors" if "topic_errors" in obj else "topic_error_codes"
    return {e["topic"]: e["error_code"] for e in obj[key]}


def configs():
    responses = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    resource = responses[0].to_object()["resources"][0]
    return {
        "error_code": resource["error_code"],
        "entries": {e["config_names"]: e["config_value"] for e in resource["config_entries"]},
        "read_only": [e["config_names"] for e in resource["config_entries"] if e["read_only"]],
    }


create = NewTopic(topic, num_partitions=3, replication_factor=1,
                  topic_configs={"retention.ms": "3600000", "max.message.bytes": "200000"})
io.result(result="create", errors=topic_errors(admin.create_topics([create], timeout_ms=10000)))
try:
    again = topic_errors(admin.create_topics([create], timeout_ms=10000))
except KafkaError as e:
    # kafka-python raises the first topic error of a controller request instead of returning it.
    again = {topic: getattr(e, "errno", -1)}
io.result(result="create_again", errors=again)
io.result(result="list", topics=sorted(admin.list_topics()))

described = admin.describe_topics([topic])
io.result(result="describe", topics=[
    {
        "topic": t["topic"],
        "error_code": t["error_code"],
        "partitions": sorted(
            [{"partition": p["partition"], "leader": p["leader"], "replicas": p["replicas"], "isr": p["isr"]}
             for p in t["partitions"]],
            key=lambda p: p["partition"]),
    }
    for t in described
])

io.result(result="describe_configs", **configs())
altered = admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, configs={"retention.ms": "7200000"})])
io.result(result="alter_configs", errors=[r["error_code"] for r in altered.to_object()["resources"]])
io.result(result="describe_configs_after_alter", **configs())

io.result(result="delete", errors=topic_errors(admin.delete_topics([topic], timeout_ms=10000)))
deadline = time.monotonic() + 5
remaining = admin.list_topics()
while topic in remaining and time.monotonic() < deadline:
    time.sleep(0.1)
    remaining = admin.list_topics()
io.result(result="list_after_delete", topics=sorted(remaining))
admin.close()
