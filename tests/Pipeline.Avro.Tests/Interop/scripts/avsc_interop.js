'use strict';
// avsc side of the Pipeline.Avro interop tests (same commands and "plain JSON" as avro_interop.py).
//   node avsc_interop.js MODULES_DIR COMMAND ARGS...
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const modules = process.argv[2];
const avro = require(path.join(modules, 'avsc'));
const snappy = require(path.join(modules, 'snappyjs'));
const fzstd = require(path.join(modules, 'fzstd'));

function crc32(buf) {
    if (zlib.crc32) {
        return zlib.crc32(buf) >>> 0;
    }
    let crc = 0xffffffff;
    for (const b of buf) {
        crc ^= b;
        for (let k = 0; k < 8; k++) {
            crc = (crc & 1) ? (0xedb88320 ^ (crc >>> 1)) : (crc >>> 1);
        }
    }
    return (crc ^ 0xffffffff) >>> 0;
}

// Avro's snappy: raw block + big-endian CRC-32 of the uncompressed data; zstandard: read only.
const codecs = {
    null: (buf, cb) => cb(null, buf),
    deflate: zlib.deflateRaw,
    snappy: (buf, cb) => {
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(buf));
        cb(null, Buffer.concat([Buffer.from(snappy.compress(buf)), crc]));
    },
};
const decoders = {
    null: (buf, cb) => cb(null, buf),
    deflate: zlib.inflateRaw,
    snappy: (buf, cb) => {
        const data = Buffer.from(snappy.uncompress(buf.subarray(0, buf.length - 4)));
        if (crc32(data) !== buf.readUInt32BE(buf.length - 4)) {
            cb(new Error('snappy CRC mismatch'));
            return;
        }
        cb(null, data);
    },
    zstandard: (buf, cb) => cb(null, Buffer.from(fzstd.decompress(buf))),
};

function loadType(file) {
    return avro.Type.forSchema(JSON.parse(fs.readFileSync(file, 'utf8')), { wrapUnions: 'never' });
}

function toPlain(value) {
    if (Buffer.isBuffer(value)) {
        return value.toString('hex');
    }
    if (Array.isArray(value)) {
        return value.map(toPlain);
    }
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const key of Object.keys(value)) {
            out[key] = toPlain(value[key]);
        }
        return out;
    }
    return value;
}

function fromPlain(type, value) {
    const name = type.typeName;
    if (name.startsWith('union')) {
        return fromPlain(pickBranch(type, value), value);
    }
    if (name === 'bytes' || name === 'fixed') {
        return Buffer.from(value, 'hex');
    }
    if (name === 'record' || name === 'error') {
        const out = {};
        for (const field of type.fields) {
            out[field.name] = fromPlain(field.type, value[field.name]);
        }
        return type.clone(out);
    }
    if (name === 'array') {
        return value.map((v) => fromPlain(type.itemsType, v));
    }
    if (name === 'map') {
        const out = {};
        for (const key of Object.keys(value)) {
            out[key] = fromPlain(type.valuesType, value[key]);
        }
        return out;
    }
    return value;
}

function pickBranch(union, value) {
    for (const branch of union.types) {
        const t = branch.typeName;
        if (value === null && t === 'null') return branch;
        if (typeof value === 'boolean' && t === 'boolean') return branch;
        if (typeof value === 'string' && ['string', 'enum', 'bytes', 'fixed'].includes(t)) return branch;
        if (Array.isArray(value) && t === 'array') return branch;
        if (value !== null && typeof value === 'object' && !Array.isArray(value) && (t === 'record' || t === 'map')) return branch;
        if (typeof value === 'number' && ['int', 'long', 'float', 'double'].includes(t)) return branch;
    }
    throw new Error('no branch for ' + JSON.stringify(value));
}

function readFile(file) {
    return new Promise((resolve, reject) => {
        const values = [];
        let codec = null;
        avro.createFileDecoder(file, { codecs: decoders })
            .on('metadata', (type, codecName) => { codec = codecName; })
            .on('data', (v) => values.push(toPlain(v)))
            .on('error', reject)
            .on('end', () => resolve({ codec, values }));
    });
}

function writeFile(type, values, out, codec) {
    return new Promise((resolve, reject) => {
        const encoder = avro.createFileEncoder(out, type, { codec, codecs });
        encoder.on('error', reject);
        encoder.on('finish', () => resolve({ written: values.length }));
        for (const v of values) {
            encoder.write(fromPlain(type, v));
        }
        encoder.end();
    });
}

async function main(args) {
    const command = args[0];
    let out;
    if (command === 'canonical') {
        const type = loadType(args[1]);
        out = {
            canonical: JSON.stringify(type.schema()),
            md5: type.fingerprint('md5').toString('hex'),
            sha256: type.fingerprint('sha256').toString('hex'),
        };
    } else if (command === 'write-file') {
        const type = loadType(args[1]);
        const values = JSON.parse(fs.readFileSync(args[2], 'utf8'));
        out = await writeFile(type, values, args[3], args[4]);
        // createFileEncoder writes to a path; wait for the stream to close.
    } else if (command === 'read-file') {
        out = await readFile(args[1]);
    } else if (command === 'encode') {
        const type = loadType(args[1]);
        const values = JSON.parse(fs.readFileSync(args[2], 'utf8'));
        out = { datums: values.map((v) => type.toBuffer(fromPlain(type, v)).toString('hex')) };
    } else if (command === 'decode') {
        const type = loadType(args[1]);
        const hexes = JSON.parse(fs.readFileSync(args[2], 'utf8'));
        out = { values: hexes.map((h) => toPlain(type.fromBuffer(Buffer.from(h, 'hex')))) };
    } else {
        throw new Error('unknown command ' + command);
    }
    process.stdout.write(JSON.stringify(out));
}

main(process.argv.slice(3)).catch((e) => {
    process.stderr.write(String(e && e.stack || e));
    process.exit(1);
});
