package io.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisTestServerTest {

    @Test
    void sharedServerAnswersPingSetAndGetOverARawSocket() throws IOException {
        RedisTestServer redis = RedisTestServer.shared();

        try (RespClient client = new RespClient("127.0.0.1", redis.port(), 5_000)) {
            assertThat(client.command("PING")).isEqualTo("PONG");
            assertThat(client.command("SET", "greeting", "namaste")).isEqualTo("OK");
            assertThat(client.command("GET", "greeting")).isEqualTo("namaste");
            assertThat(client.command("GET", "missing")).isNull();
        }
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
    }

    @Test
    void flushAllEmptiesTheServer() throws IOException {
        RedisTestServer redis = RedisTestServer.shared();
        try (RespClient client = new RespClient("127.0.0.1", redis.port(), 5_000)) {
            client.command("SET", "a", "1");
            client.command("SELECT", "1");
            client.command("SET", "b", "2");
        }

        redis.flushAll();

        try (RespClient client = new RespClient("127.0.0.1", redis.port(), 5_000)) {
            assertThat(client.command("DBSIZE")).isEqualTo(0L);
            client.command("SELECT", "1");
            assertThat(client.command("DBSIZE")).isEqualTo(0L);
        }
    }

    @Test
    void serverKeepsNothingOnDisk() throws IOException {
        try (RespClient client = new RespClient("127.0.0.1", RedisTestServer.shared().port(), 5_000)) {
            assertThat(client.command("CONFIG", "GET", "save")).asList().containsExactly("save", "");
            assertThat(client.command("CONFIG", "GET", "appendonly")).asList().containsExactly("appendonly", "no");
            assertThat(client.command("CONFIG", "GET", "bind")).asList().containsExactly("bind", "127.0.0.1");
        }
    }

    @Test
    void startedServerIsSeparateAndGoneAfterClose() throws IOException {
        RedisTestServer fresh = RedisTestServer.start();
        int port = fresh.port();
        assertThat(port).isNotEqualTo(RedisTestServer.shared().port());
        try (RespClient client = new RespClient("127.0.0.1", port, 5_000)) {
            assertThat(client.command("PING")).isEqualTo("PONG");
        }

        fresh.close();

        assertThatThrownBy(() -> new RespClient("127.0.0.1", port, 1_000).close()).isInstanceOf(IOException.class);
    }

    @Test
    void redisServerOnThePathIsPreferredToTheEmbeddedBinary(@TempDir Path bin) throws IOException {
        Path onPath = Files.createSymbolicLink(bin.resolve("redis-server"), RedisExecutable.embedded());

        assertThat(RedisExecutable.resolve(bin + ":/nonexistent")).isEqualTo(onPath);
        try (RedisTestServer fromPath = RedisTestServer.start(RedisExecutable.resolve(bin.toString()));
             RespClient client = new RespClient("127.0.0.1", fromPath.port(), 5_000)) {
            assertThat(fromPath.executable()).isEqualTo(onPath);
            assertThat(client.command("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void embeddedBinaryIsUsedWhenThePathHasNoRedisServer(@TempDir Path emptyBin) {
        assertThat(RedisExecutable.onPath(emptyBin.toString())).isEmpty();
        assertThat(RedisExecutable.resolve(emptyBin.toString())).isEqualTo(RedisExecutable.embedded());
    }
}
