'use strict';
// Record exchange format shared with the C# tests (see ../python/interop_records.py):
// input is a JSON list of {p, k, v, h: [[name, base64]]}; output is one JSON object per line.
const fs = require('fs');

const unb64 = (s) => (s === null || s === undefined ? null : Buffer.from(s, 'base64'));
const b64 = (b) => (b === null || b === undefined ? null : Buffer.from(b).toString('base64'));

function load(path) {
    return JSON.parse(fs.readFileSync(path, 'utf8')).map((r) => ({
        p: r.p,
        k: unb64(r.k),
        v: unb64(r.v),
        h: (r.h || []).map(([name, value]) => [name, unb64(value)]),
    }));
}

function emit(partition, offset, key, value, headers, timestamp, extra) {
    const line = { p: partition, o: Number(offset), k: b64(key), v: b64(value), h: headers.map(([n, v]) => [n, b64(v)]), ts: timestamp === undefined || timestamp === null ? null : Number(timestamp) };
    process.stdout.write(JSON.stringify(Object.assign(line, extra || {})) + '\n');
}

function result(fields) {
    process.stdout.write(JSON.stringify(fields) + '\n');
}

// kafkajs headers are an object: one entry per name, a Buffer or an array of Buffers.
function headersToObject(pairs) {
    const obj = {};
    for (const [name, value] of pairs) {
        if (name in obj) {
            obj[name] = [].concat(obj[name], value);
        } else {
            obj[name] = value;
        }
    }
    return obj;
}

function headersFromObject(obj) {
    const pairs = [];
    for (const [name, value] of Object.entries(obj || {})) {
        for (const v of [].concat(value)) {
            pairs.push([name, v]);
        }
    }
    return pairs;
}

// Exits once everything written to stdout is out: a pipe the test reads slowly makes node queue
// writes, and process.exit() would drop whatever is still queued.
function exitAfterFlush(code) {
    process.stdout.write('', () => process.exit(code));
}

function run(main) {
    main().then(
        () => exitAfterFlush(0),
        (e) => {
            process.stderr.write(`interop script failed: ${e && e.stack ? e.stack : e}\n`);
            exitAfterFlush(1);
        });
}

module.exports = { load, emit, result, headersToObject, headersFromObject, run };
