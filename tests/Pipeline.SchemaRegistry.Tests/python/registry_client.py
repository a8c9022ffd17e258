"""Drives confluent-kafka's schema registry clients against a registry under test.

Prints one JSON object on stdout; the xunit test asserts on it. Client errors are reported as
{"status": <http status>, "errorCode": <error_code>}.

  registry_client.py api URL SUBJECT SCHEMA_V1 SCHEMA_V2 SCHEMA_INCOMPATIBLE
      confluent_kafka.schema_registry.SchemaRegistryClient (needs python3-requests)
  registry_client.py references URL SUBJECT ADDRESS_SCHEMA PERSON_SCHEMA
      registers ADDRESS under SUBJECT-address and PERSON (referencing it) under SUBJECT, then
      looks PERSON up and reads it back by version and by id
  registry_client.py serialize URL TOPIC SCHEMA VALUE_JSON...  -> {"hex": ["...", ...]}
  registry_client.py deserialize URL HEX...                    -> {"values": [...]}
      confluent_kafka.avro's MessageSerializer with CachedSchemaRegistryClient (python3-avro):
      the Avro serializer of confluent_kafka.schema_registry needs fastavro, which Debian
      does not package.

Values cross as JSON: bytes as {"$bytes": "<hex>"}, everything else as is.
"""

import json
import sys
import warnings

from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError


def failure(call):
    try:
        return {"unexpected": repr(call())}
    except SchemaRegistryError as e:
        return {"status": e.http_status_code, "errorCode": e.error_code}


def registered(r):
    return {"id": r.schema_id, "version": r.version, "subject": r.subject,
            "schema": r.schema.schema_str, "schemaType": r.schema.schema_type}


def api(url, subject, v1, v2, incompatible):
    def client():
        return SchemaRegistryClient({"url": url})

    def avro(text):
        return Schema(text, "AVRO")

    c = client()
    out = {}
    out["registered"] = c.register_schema(subject, avro(v1))
    out["registeredAgain"] = client().register_schema(subject, avro(v1))
    out["lookup"] = registered(client().lookup_schema(subject, avro(v1)))
    out["latest"] = registered(c.get_latest_version(subject))
    by_id = client().get_schema(out["registered"])
    out["byId"] = {"schema": by_id.schema_str, "schemaType": by_id.schema_type}
    out["compatibleV2"] = c.test_compatibility(subject, avro(v2))
    out["compatibleIncompatible"] = c.test_compatibility(subject, avro(incompatible))
    out["compatibleWithVersion1"] = c.test_compatibility(subject, avro(v2), version=1)
    out["registeredV2"] = c.register_schema(subject, avro(v2))
    out["versions"] = c.get_versions(subject)
    out["subjectListed"] = subject in c.get_subjects()
    out["version1"] = registered(c.get_version(subject, 1))
    out["defaultCompatibility"] = c.get_compatibility()
    out["updatedCompatibility"] = c.set_compatibility(subject_name=subject, level="NONE")
    out["compatibility"] = c.get_compatibility(subject)
    out["registeredIncompatible"] = c.register_schema(subject, avro(incompatible))
    out["deletedVersion"] = c.delete_version(subject, 3)
    out["versionsAfterDelete"] = c.get_versions(subject)
    out["errors"] = {
        "unknownSubject": failure(lambda: client().get_latest_version(subject + "-missing")),
        "unknownVersion": failure(lambda: client().get_version(subject, 99)),
        "unknownSchema": failure(lambda: client().lookup_schema(subject, avro('"double"'))),
        "unknownId": failure(lambda: client().get_schema(987654)),
        "invalidSchema": failure(lambda: client().register_schema(subject, avro('{"type":"nope"}'))),
        "incompatible": failure(lambda: (client().register_schema(subject + "-strict", avro(v1)),
                                         client().register_schema(subject + "-strict", avro(incompatible)))),
        "invalidLevel": failure(lambda: client().set_compatibility(subject_name=subject, level="SIDEWAYS")),
    }
    # permanent=True soft-deletes first, then deletes permanently (two requests).
    out["deletedPermanently"] = c.delete_subject(subject, permanent=True)
    out["subjectListedAfterDelete"] = subject in c.get_subjects()
    return out


def plain_references(references):
    # 1.7.0 gives SchemaReference objects from get_schema but the raw dicts elsewhere.
    return [r if isinstance(r, dict) else {"name": r.name, "subject": r.subject, "version": r.version}
            for r in references]


def references(url, subject, address, person):
    c = SchemaRegistryClient({"url": url})
    name = json.loads(address)["namespace"] + "." + json.loads(address)["name"]
    address_id = c.register_schema(subject + "-address", Schema(address, "AVRO"))
    schema = Schema(person, "AVRO", [SchemaReference(name, subject + "-address", 1)])
    person_id = c.register_schema(subject, schema)
    found = SchemaRegistryClient({"url": url}).lookup_schema(subject, schema)
    latest = c.get_latest_version(subject)
    by_id = SchemaRegistryClient({"url": url}).get_schema(person_id)
    return {"addressId": address_id, "personId": person_id,
            "lookup": {"id": found.schema_id, "version": found.version, "references": plain_references(found.schema.references)},
            "latest": {"id": latest.schema_id, "schema": latest.schema.schema_str, "references": plain_references(latest.schema.references)},
            "byId": {"schema": by_id.schema_str, "references": plain_references(by_id.references)}}


def from_json(value):
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if isinstance(value, dict):
        if isinstance(value.get("$bytes"), str):
            return bytes.fromhex(value["$bytes"])
        return {k: from_json(v) for k, v in value.items()}
    return value


def to_json(value):
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": bytes(value).hex()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def legacy_serializer(url):
    from confluent_kafka.avro import CachedSchemaRegistryClient
    from confluent_kafka.avro.serializer.message_serializer import MessageSerializer
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return MessageSerializer(CachedSchemaRegistryClient({"url": url}))


def serialize(url, topic, schema, *value_jsons):
    from confluent_kafka.avro import loads
    serializer, parsed = legacy_serializer(url), loads(schema)
    return {"hex": [serializer.encode_record_with_schema(topic, parsed, from_json(json.loads(v))).hex()
                    for v in value_jsons]}


def deserialize(url, *hex_texts):
    serializer = legacy_serializer(url)
    return {"values": [to_json(serializer.decode_message(bytes.fromhex(h))) for h in hex_texts]}


def main():
    command, args = sys.argv[1], sys.argv[2:]
    commands = {"api": api, "references": references, "serialize": serialize, "deserialize": deserialize}
    if command not in commands:
        sys.exit(f"unknown command {command!r}: api, references, serialize or deserialize")
    print(json.dumps(commands[command](*args)), flush=True)


if __name__ == "__main__":
    main()
