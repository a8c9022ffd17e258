/*
 * rdkperf: produce/consume throughput with librdkafka, against any broker or against
 * librdkafka's own in-memory mock cluster (--mock), so both are measured by the same client
 * in the same run.
 *
 *   rdkperf produce -b HOST:PORT -t TOPIC -n RECORDS -s SIZE [-a ACKS] [-z CODEC] [-p PARTITIONS] [-L] [-r RATE] [-X k=v ...]
 *   rdkperf consume -b HOST:PORT -t TOPIC -n RECORDS [-p PARTITIONS] [-X k=v ...]
 *   rdkperf both    --mock -t TOPIC -n RECORDS -s SIZE -p PARTITIONS   (mock cluster in-process;
 *                   its consume reads what the mock retained, it keeps only a few MB per partition)
 *
 * Prints one line per phase: "produce records=.. bytes=.. seconds=.. rec_per_s=.. mb_per_s=..".
 * -L adds a line "produce_latency avg_ms=.. p50_ms=.. p95_ms=.. p99_ms=.. p999_ms=.. max_ms=.." (send to
 * delivery report, as `pipeline bench produce` measures it). -X sets any librdkafka property on the
 * client (after rdkperf's own, so it overrides them), e.g. -X enable.idempotence=true. -r RATE
 * holds the send rate at RATE records/s (for latency below saturation).
 * Build: cc -O2 -o rdkperf rdkperf.c -lrdkafka   (Debian: librdkafka-dev)
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long delivered, failed;
static char first_error[512];
static int measure_latency;
static float *latencies_ms; /* one per acknowledged record when -L; indexed by delivery order */
static long rate; /* -r: records per second to aim at (0 = as fast as possible) */
static int n_overrides;
static const char *overrides[64];

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "rdkperf: %s: %s\n", what, detail);
    exit(1);
}

static void set(rd_kafka_conf_t *conf, const char *k, const char *v) {
    char err[512];
    if (rd_kafka_conf_set(conf, k, v, err, sizeof(err)) != RD_KAFKA_CONF_OK) fail(k, err);
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
    (void)rk; (void)opaque;
    if (m->err) {
        if (failed++ == 0) snprintf(first_error, sizeof(first_error), "%s", rd_kafka_err2str(m->err));
    } else {
        if (measure_latency) {
            /* The send time rode along as the message's opaque (microseconds since the start). */
            double sent_us = (double)(intptr_t)m->_private;
            latencies_ms[delivered] = (float)((now_s() * 1e6 - sent_us) / 1000.0);
        }
        delivered++;
    }
}

/* -X key=value pairs, applied last. */
static void apply_overrides(rd_kafka_conf_t *conf) {
    for (int i = 0; i < n_overrides; i++) {
        char kv[512];
        snprintf(kv, sizeof(kv), "%s", overrides[i]);
        char *eq = strchr(kv, '=');
        if (!eq) fail("-X expects key=value", overrides[i]);
        *eq = 0;
        set(conf, kv, eq + 1);
    }
}

static int cmp_float(const void *a, const void *b) {
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

static void report_latency(long n) {
    if (n <= 0) return;
    qsort(latencies_ms, n, sizeof(float), cmp_float);
    double sum = 0;
    for (long i = 0; i < n; i++) sum += latencies_ms[i];
#define AT(p) latencies_ms[(long)((p) / 100.0 * n + 0.999999) - 1 < 0 ? 0 : (long)((p) / 100.0 * n + 0.999999) - 1]
    printf("produce_latency avg_ms=%.3f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f\n",
           sum / n, AT(50), AT(95), AT(99), AT(99.9), latencies_ms[n - 1]);
#undef AT
    fflush(stdout);
}

static void report(const char *phase, long records, long size, double seconds) {
    double mb = (double)records * size / (1024.0 * 1024.0);
    printf("%s records=%ld record_bytes=%ld seconds=%.3f rec_per_s=%.0f mb_per_s=%.1f\n",
           phase, records, size, seconds, records / seconds, mb / seconds);
    fflush(stdout);
}

static void produce(const char *brokers, const char *topic, long n, long size, const char *acks, const char *codec) {
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", brokers);
    set(conf, "acks", acks);
    set(conf, "compression.type", codec);
    set(conf, "linger.ms", "5");
    set(conf, "queue.buffering.max.messages", "1000000");
    set(conf, "queue.buffering.max.kbytes", "1048576");
    apply_overrides(conf);
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
    if (!rk) fail("producer", err);
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    char *payload = malloc(size);
    for (long i = 0; i < size; i++) payload[i] = (char)('a' + i % 26);
    if (measure_latency && !(latencies_ms = malloc(sizeof(float) * (size_t)(n > 0 ? n : 1)))) fail("latency", "out of memory");

    double start = now_s(), last_print = start;
    for (long i = 0; i < n; i++) {
        if (rate > 0) {
            double ahead = (double)i / rate - (now_s() - start);
            if (ahead > 0.001) { rd_kafka_poll(rk, 0); usleep((useconds_t)(ahead * 1e6)); }
        }
        void *sent = measure_latency ? (void *)(intptr_t)(now_s() * 1e6) : NULL;
        while (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, 0, payload, size, NULL, 0, sent) == -1) {
            if (rd_kafka_last_error() != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                fail("produce", rd_kafka_err2str(rd_kafka_last_error()));
            rd_kafka_poll(rk, 10);
        }
        rd_kafka_poll(rk, 0);
        double t = now_s();
        if (t - last_print > 2.0) {
            fprintf(stderr, "  produce: %ld sent, %ld acknowledged (%.0f rec/s)\r", i + 1, delivered, delivered / (t - start));
            last_print = t;
        }
    }
    while (delivered + failed < n) rd_kafka_poll(rk, 50);
    double seconds = now_s() - start;
    fprintf(stderr, "%80s\r", "");
    if (failed) {
        fprintf(stderr, "rdkperf: %ld of %ld deliveries failed: %s\n", failed, n, first_error);
        exit(2);
    }
    report("produce", n, size, seconds);
    if (measure_latency) report_latency(delivered);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
    free(payload);
}

static void consume(const char *brokers, const char *topic, long n, int partitions) {
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", brokers);
    set(conf, "group.id", "rdkperf");
    set(conf, "enable.auto.commit", "false");
    set(conf, "fetch.message.max.bytes", "1048576");
    set(conf, "queued.min.messages", "1000000");
    set(conf, "enable.partition.eof", "true");
    apply_overrides(conf);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err));
    if (!rk) fail("consumer", err);
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; p++)
        rd_kafka_topic_partition_list_add(parts, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    if (rd_kafka_assign(rk, parts)) fail("assign", "failed");
    rd_kafka_topic_partition_list_destroy(parts);

    long got = 0, bytes = 0;
    int eofs = 0;
    double start = 0, last = 0, last_print = 0, idle_since = now_s();
    /* Stops at n records, or when every partition reached its end (n = 0: read everything). */
    while ((n == 0 || got < n) && eofs < partitions) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
        if (!m) {
            if (now_s() - idle_since > 30) {
                fprintf(stderr, "rdkperf: consumed only %ld of %ld records (30 s without data)\n", got, n);
                exit(2);
            }
            continue;
        }
        idle_since = now_s();
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            eofs++;
        } else if (m->err) {
            fail("consume", rd_kafka_message_errstr(m));
        } else {
            if (got == 0) start = now_s();
            last = now_s();
            got++;
            bytes += m->len;
        }
        rd_kafka_message_destroy(m);
        double t = now_s();
        if (t - last_print > 2.0 && got > 0) {
            fprintf(stderr, "  consume: %ld received\r", got);
            last_print = t;
        }
    }
    if (n && got < n) {
        fprintf(stderr, "rdkperf: the partitions ended after %ld of %ld records\n", got, n);
        exit(2);
    }
    double seconds = last - start;
    fprintf(stderr, "%80s\r", "");
    report("consume", got, got ? bytes / got : 0, seconds > 0 ? seconds : 1e-9);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: rdkperf produce|consume|both [--mock] -b BROKERS -t TOPIC -n N -s SIZE [-a ACKS] [-z CODEC] [-p PARTITIONS] [-L] [-r RATE] [-X key=value ...]\n");
        return 1;
    }
    const char *mode = argv[1], *brokers = NULL, *topic = "rdkperf", *acks = "all", *codec = "none";
    long n = 100000, size = 100;
    int partitions = 6, mock = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--mock")) mock = 1;
        else if (i + 1 < argc && !strcmp(argv[i], "-b")) brokers = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "-t")) topic = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "-n")) n = atol(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "-s")) size = atol(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "-a")) acks = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "-z")) codec = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "-p")) partitions = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "-X") && n_overrides < 64) overrides[n_overrides++] = argv[++i];
        else if (!strcmp(argv[i], "-L")) measure_latency = 1;
        else if (i + 1 < argc && !strcmp(argv[i], "-r")) rate = atol(argv[++i]);
        else fail("unknown argument", argv[i]);
    }

    rd_kafka_t *mock_rk = NULL;
    rd_kafka_mock_cluster_t *mc = NULL;
    if (mock) {
        char err[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        mock_rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
        if (!mock_rk) fail("mock handle", err);
        mc = rd_kafka_mock_cluster_new(mock_rk, 1);
        if (!mc) fail("mock cluster", "could not start");
        rd_kafka_mock_topic_create(mc, topic, partitions, 1);
        brokers = rd_kafka_mock_cluster_bootstraps(mc);
        fprintf(stderr, "rdkperf: mock cluster at %s\n", brokers);
    }
    if (!brokers) fail("missing", "-b BROKERS (or --mock)");

    if (!strcmp(mode, "produce") || !strcmp(mode, "both")) produce(brokers, topic, n, size, acks, codec);
    /* The mock keeps only the last few MB of each partition: read what it retained. */
    if (!strcmp(mode, "consume") || !strcmp(mode, "both")) consume(brokers, topic, mock ? 0 : n, partitions);
    if (mc) rd_kafka_mock_cluster_destroy(mc);
    if (mock_rk) rd_kafka_destroy(mock_rk);
    return 0;
}
