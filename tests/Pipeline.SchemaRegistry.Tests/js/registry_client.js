'use strict';
// Drives @confluentinc/schemaregistry against a registry under test and prints one JSON object
// on stdout; the xunit test asserts on it. Errors from the client are reported as
// {"status": <http status>, "errorCode": <error_code>} so the test can check them too.
//
//   node registry_client.js api URL SUBJECT SCHEMA_V1 SCHEMA_V2 SCHEMA_INCOMPATIBLE
//   node registry_client.js serialize URL TOPIC (auto|latest) VALUE_JSON...  -> {"hex": ["...", ...]}
//   node registry_client.js deserialize URL TOPIC HEX...                     -> {"values": [...]}
//   node registry_client.js references URL TOPIC ADDRESS_SCHEMA PERSON_SCHEMA VALUE_JSON
//       registers ADDRESS under TOPIC-address and PERSON (referencing it) under TOPIC-value, then
//       serializes VALUE with the latest version          -> {"addressId", "personId", "latest", "hex"}
//
// Values cross as JSON: bytes as {"$bytes": "<hex>"}, everything else as is.

// The package's index also loads every KMS driver (AWS, Azure, GCP, Vault): about 2 s per run.
// These modules are what the index re-exports for the client and the Avro serdes.
const { SchemaRegistryClient, Compatibility } = require('@confluentinc/schemaregistry/dist/schemaregistry-client');
const { AvroSerializer, AvroDeserializer } = require('@confluentinc/schemaregistry/dist/serde/avro');
const { SerdeType } = require('@confluentinc/schemaregistry/dist/serde/serde');
const { RestError } = require('@confluentinc/schemaregistry/dist/rest-error');

function newClient(url) {
    // No retries: a wrong status must surface at once, not after back-off.
    return new SchemaRegistryClient({ baseURLs: [url], maxRetries: 0 });
}

async function failure(promise) {
    try {
        const value = await promise;
        return { unexpected: value };
    } catch (e) {
        if (e instanceof RestError) {
            return { status: e.status, errorCode: e.errorCode };
        }
        throw e;
    }
}

async function api(url, subject, v1, v2, incompatible) {
    const client = newClient(url);
    const info = (schema) => ({ schemaType: 'AVRO', schema });
    const out = {};
    out.registered = await client.register(subject, info(v1), false);
    out.registeredAgain = await newClient(url).register(subject, info(v1), false);
    out.lookedUpId = await newClient(url).getId(subject, info(v1), false);
    const full = await newClient(url).getIdFullResponse(subject, info(v1), false);
    out.lookup = { id: full.id, version: full.version, subject: full.subject, schema: full.schema };
    out.lookedUpVersion = await newClient(url).getVersion(subject, info(v1), false, false);
    const latest = await client.getLatestSchemaMetadata(subject);
    out.latest = { id: latest.id, version: latest.version, subject: latest.subject, schema: latest.schema };
    const byId = await client.getBySubjectAndId(subject, out.registered);
    out.bySubjectAndId = { schema: byId.schema, schemaType: byId.schemaType ?? null };
    out.compatibleV2 = await client.testSubjectCompatibility(subject, info(v2));
    out.compatibleIncompatible = await client.testSubjectCompatibility(subject, info(incompatible));
    out.compatibleWithVersion1 = await client.testCompatibility(subject, 1, info(v2));
    out.registeredV2 = await client.register(subject, info(v2), false);
    out.versions = await client.getAllVersions(subject);
    out.subjectListed = (await client.getAllSubjects()).includes(subject);
    const v1Metadata = await client.getSchemaMetadata(subject, 1, false);
    out.version1 = { id: v1Metadata.id, version: v1Metadata.version, schema: v1Metadata.schema };

    out.defaultCompatibility = await client.getDefaultCompatibility();
    out.updatedCompatibility = await client.updateCompatibility(subject, Compatibility.FULL);
    out.compatibility = await client.getCompatibility(subject);
    out.updatedConfig = await client.updateConfig(subject, { compatibility: Compatibility.NONE, normalize: true });
    out.config = await client.getConfig(subject);
    out.defaultConfig = await client.getDefaultConfig();
    // Under NONE the schema the BACKWARD check refused registers as version 3.
    out.registeredIncompatible = await client.register(subject, info(incompatible), false);

    out.deletedVersion = await client.deleteSubjectVersion(subject, 3, false);
    out.deletedLookup = await newClient(url).getVersion(subject, info(incompatible), false, true);
    out.deletedFetched = (await client.getSchemaMetadata(subject, 3, true)).id;

    out.errors = {
        unknownSubject: await failure(newClient(url).getLatestSchemaMetadata(subject + '-missing')),
        unknownVersion: await failure(newClient(url).getSchemaMetadata(subject, 99, false)),
        unknownSchema: await failure(newClient(url).getId(subject, info('"double"'), false)),
        unknownId: await failure(newClient(url).getBySubjectAndId(subject, 987654)),
        invalidSchema: await failure(newClient(url).register(subject, info('{"type":"nope"}'), false)),
        incompatible: await failure(newClient(url).register(subject + '-strict', info(v1), false)
            .then(() => newClient(url).register(subject + '-strict', info(incompatible), false))),
    };
    out.deletedSubject = await client.deleteSubject(subject, false);
    out.deletedPermanently = await client.deleteSubject(subject, true);
    return out;
}

function fromJson(value) {
    if (Array.isArray(value)) {
        return value.map(fromJson);
    }
    if (value !== null && typeof value === 'object') {
        if (typeof value.$bytes === 'string') {
            return Buffer.from(value.$bytes, 'hex');
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromJson(v)]));
    }
    return value;
}

function toJson(value) {
    if (Buffer.isBuffer(value)) {
        return { $bytes: value.toString('hex') };
    }
    if (Array.isArray(value)) {
        return value.map(toJson);
    }
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
    }
    return value;
}

async function serialize(url, topic, mode, ...valueJsons) {
    // auto: the value's schema is inferred by avsc and registered (auto.register.schemas);
    // latest: written with the subject's latest version, which the test registered.
    const conf = mode === 'auto' ? { autoRegisterSchemas: true } : { autoRegisterSchemas: false, useLatestVersion: true };
    const serializer = new AvroSerializer(newClient(url), SerdeType.VALUE, conf);
    const hex = [];
    for (const json of valueJsons) {
        hex.push((await serializer.serialize(topic, fromJson(JSON.parse(json)))).toString('hex'));
    }
    return { hex };
}

async function deserialize(url, topic, ...hexes) {
    const deserializer = new AvroDeserializer(newClient(url), SerdeType.VALUE, {});
    const values = [];
    for (const hex of hexes) {
        values.push(toJson(await deserializer.deserialize(topic, Buffer.from(hex, 'hex'))));
    }
    return { values };
}

async function references(url, topic, address, person, valueJson) {
    const client = newClient(url);
    const reference = { name: JSON.parse(address).namespace + '.' + JSON.parse(address).name, subject: `${topic}-address`, version: 1 };
    const addressId = await client.register(reference.subject, { schemaType: 'AVRO', schema: address }, false);
    const personId = await client.register(`${topic}-value`, { schemaType: 'AVRO', schema: person, references: [reference] }, false);
    const latest = await newClient(url).getLatestSchemaMetadata(`${topic}-value`);
    const serializer = new AvroSerializer(newClient(url), SerdeType.VALUE, { autoRegisterSchemas: false, useLatestVersion: true });
    const bytes = await serializer.serialize(topic, fromJson(JSON.parse(valueJson)));
    return { addressId, personId, latest: { id: latest.id, references: latest.references }, hex: bytes.toString('hex') };
}

async function main() {
    const [command, ...args] = process.argv.slice(2);
    const commands = { api, serialize, deserialize, references };
    if (!commands[command]) {
        throw new Error(`unknown command '${command}': api, serialize, deserialize or references`);
    }
    const result = await commands[command](...args);
    process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    if (e instanceof RestError) {
        console.error(`RestError status=${e.status} errorCode=${e.errorCode}`);
    }
    process.exit(1);
});
