package io.switchboard.dispatcher.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.testkit.KafkaTestCluster;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The accounts table on a real broker: ready after the start-up read, and caught up on demand with later records. */
class AccountTableTest {

    @Test
    void caughtUpCompletesOnlyOnceEveryRecordWrittenBeforeTheAskIsInTheTable() throws Exception {
        String bootstrap = KafkaTestCluster.shared().bootstrapServers();
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.shared(bootstrap);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicProvisioner.ensureTopics(admin, List.of(Topics.ACCOUNTS), (short) 1);
        }
        try (AccountTable table = new AccountTable(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                registry.url());
             KafkaProducer<String, Account> producer = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     Topics.ACCOUNTS.keySerde().serializer(), Topics.ACCOUNTS.valueSerde(registry.url()).serializer())) {
            table.start();
            table.ready().get(30, TimeUnit.SECONDS);

            for (int i = 0; i < 20; i++) {
                String id = "acc_table_" + System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.ACCOUNTS.name(), id, Account.newBuilder().setAccountId(id)
                        .setName("Table " + i).setWabaId("100000000000011").setPhoneNumberId("1065403522" + i)
                        .setCreatedAt(Instant.now()).build())).get();

                table.caughtUp().get(30, TimeUnit.SECONDS);

                assertThat(table.byId(id)).as("account written before the ask").isNotNull();
            }
        }
    }
}
