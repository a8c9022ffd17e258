/*
 * Starts librdkafka's in-process mock cluster (an independent implementation of the Kafka
 * broker side) and prints its bootstrap address on stdout, then serves until stdin closes.
 *
 *   mock_cluster BROKERS [TOPIC:PARTITIONS ...]
 *
 * Used by the client tests to check Pipeline.Client against a broker that is not Pipeline's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

int main(int argc, char **argv) {
    char err[512];
    if (argc < 2) {
        fprintf(stderr, "usage: mock_cluster BROKERS [TOPIC:PARTITIONS ...]\n");
        return 2;
    }

    int brokers = atoi(argv[1]);
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
    if (!rk) {
        fprintf(stderr, "mock_cluster: %s\n", err);
        return 1;
    }

    rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, brokers);
    if (!mc) {
        fprintf(stderr, "mock_cluster: could not start\n");
        return 1;
    }

    for (int i = 2; i < argc; i++) {
        char *spec = strdup(argv[i]);
        char *colon = strrchr(spec, ':');
        int partitions = 1;
        if (colon) {
            *colon = '\0';
            partitions = atoi(colon + 1);
        }
        if (rd_kafka_mock_topic_create(mc, spec, partitions, 1)) {
            fprintf(stderr, "mock_cluster: cannot create %s\n", spec);
            return 1;
        }
        free(spec);
    }

    printf("%s\n", rd_kafka_mock_cluster_bootstraps(mc));
    fflush(stdout);
    while (getchar() != EOF) {
    }

    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(rk);
    return 0;
}
