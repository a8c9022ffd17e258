#!/usr/bin/python3
"""python3-avro side of the Pipeline.Avro interop tests.

Values cross the process boundary as "plain JSON": the underlying Avro values (logical types
not applied), bytes and fixed as lower-case hex, unions unwrapped, records and maps as objects.

  canonical SCHEMA                      -> {"canonical", "md5", "sha256", "crc64"}
  write-file SCHEMA VALUES OUT CODEC    writes a container file
  read-file FILE SCHEMA                 -> {"codec", "values"}
  encode SCHEMA VALUES                  -> {"datums": [hex], "singleObject": [hex]}
  decode SCHEMA HEXES                   -> {"values"}
"""
import hashlib
import io
import json
import struct
import sys

import avro.datafile
import avro.io
import avro.schema

EMPTY64 = 0xC15D213AA4D7A795


def crc64(data):
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (EMPTY64 & -(fp & 1))
        table.append(fp & 0xFFFFFFFFFFFFFFFF)
    fp = EMPTY64
    for b in data:
        fp = (fp >> 8) ^ table[(fp ^ b) & 0xFF]
    return fp


def strip_logical(node):
    """The schema JSON without logical types, so values stay the underlying ones."""
    if isinstance(node, dict):
        return {k: strip_logical(v) for k, v in node.items() if k not in ("logicalType", "precision", "scale")}
    if isinstance(node, list):
        return [strip_logical(v) for v in node]
    return node


def load_schema(path, strip=True):
    with open(path, encoding="utf-8") as f:
        text = json.load(f)
    return avro.schema.parse(json.dumps(strip_logical(text) if strip else text))


def to_plain(value):
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    return value


def from_plain(schema, value):
    t = schema.type
    if t == "union":
        return from_plain(pick_branch(schema, value), value)
    if t in ("bytes", "fixed"):
        return bytes.fromhex(value)
    if t == "record" or t == "error":
        return {f.name: from_plain(f.type, value[f.name]) for f in schema.fields}
    if t == "array":
        return [from_plain(schema.items, v) for v in value]
    if t == "map":
        return {k: from_plain(schema.values, v) for k, v in value.items()}
    if t in ("float", "double"):
        return float(value)
    return value


def pick_branch(union, value):
    for branch in union.schemas:
        t = branch.type
        if value is None and t == "null":
            return branch
        if isinstance(value, bool) and t == "boolean":
            return branch
        if isinstance(value, str) and t in ("string", "enum", "bytes", "fixed"):
            return branch
        if isinstance(value, dict) and t in ("record", "map"):
            return branch
        if isinstance(value, list) and t == "array":
            return branch
        if isinstance(value, (int, float)) and not isinstance(value, bool) and t in ("int", "long", "float", "double"):
            return branch
    raise ValueError("no branch for %r" % (value,))


def main(argv):
    command = argv[1]
    if command == "canonical":
        full = load_schema(argv[2], strip=False)
        # python3-avro 1.11 writes a primitive that has a logicalType as {"type":"bytes"} in its
        # canonical form (the spec and Java write "bytes"); without logical types it conforms,
        # and logical types are not part of the canonical form, so hash that one.
        canonical = load_schema(argv[2]).canonical_form
        data = canonical.encode("utf-8")
        out = {
            "canonicalAsIs": full.canonical_form,
            "canonical": canonical,
            "md5": hashlib.md5(data).hexdigest(),
            "sha256": hashlib.sha256(data).hexdigest(),
            "crc64": "%016x" % crc64(data),
        }
    elif command == "write-file":
        schema = load_schema(argv[2])
        with open(argv[3], encoding="utf-8") as f:
            values = json.load(f)
        with open(argv[4], "wb") as out_file:
            writer = avro.datafile.DataFileWriter(out_file, avro.io.DatumWriter(), schema, codec=argv[5])
            # The header carries the full schema (with logical types); the encoding is the same.
            with open(argv[2], encoding="utf-8") as f:
                writer.set_meta("avro.schema", json.dumps(json.load(f)).encode("utf-8"))
            for value in values:
                writer.append(from_plain(schema, value))
            writer.close()
        out = {"written": len(values)}
    elif command == "read-file":
        reader_schema = load_schema(argv[3])
        with open(argv[2], "rb") as in_file:
            reader = avro.datafile.DataFileReader(in_file, avro.io.DatumReader(readers_schema=reader_schema))
            # python3-avro applies the writer's logical types; read the header's schema without them.
            header_schema = json.loads(reader.get_meta("avro.schema").decode("utf-8"))
            reader.datum_reader.writers_schema = avro.schema.parse(json.dumps(strip_logical(header_schema)))
            codec = reader.get_meta("avro.codec")
            values = [to_plain(v) for v in reader]
            reader.close()
        out = {"codec": codec.decode("utf-8") if codec else None, "values": values}
    elif command == "encode":
        schema = load_schema(argv[2])
        fingerprint = struct.pack("<Q", crc64(schema.canonical_form.encode("utf-8")))
        with open(argv[3], encoding="utf-8") as f:
            values = json.load(f)
        datums = []
        for value in values:
            buffer = io.BytesIO()
            avro.io.DatumWriter(schema).write(from_plain(schema, value), avro.io.BinaryEncoder(buffer))
            datums.append(buffer.getvalue())
        out = {"datums": [d.hex() for d in datums], "singleObject": [(b"\xc3\x01" + fingerprint + d).hex() for d in datums]}
    elif command == "decode":
        schema = load_schema(argv[2])
        with open(argv[3], encoding="utf-8") as f:
            hexes = json.load(f)
        values = []
        for h in hexes:
            data = bytes.fromhex(h)
            decoder = avro.io.BinaryDecoder(io.BytesIO(data))
            values.append(to_plain(avro.io.DatumReader(schema, schema).read(decoder)))
        out = {"values": values}
    else:
        raise SystemExit("unknown command " + command)
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
