package io.switchboard.bench.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child JVM's command line: heap, pool parallelism, properties, classpath as IsolatedService builds it, main. */
class ServiceCommandTest {

    @Test
    void theCommandLineCarriesHeapPoolTmpExtraArgumentsSortedPropertiesClasspathAndMainClass() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", 18080);
        properties.put("kafka.bootstrap.servers", "127.0.0.1:9092");

        List<String> args = ServiceCommand.jvmArguments("api-ingress", "256m", List.of("-XX:+UseSerialGC"),
                Path.of("/tmp/run"), properties, "/a/classes:/a/lib.jar");

        assertThat(args).containsExactly("-Xmx256m", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=8",
                "-Djava.io.tmpdir=/tmp/run", "-XX:+UseSerialGC", "-Dkafka.bootstrap.servers=127.0.0.1:9092",
                "-Dmicronaut.server.port=18080", "-cp", "/a/classes:/a/lib.jar", "io.switchboard.ingress.Application");
    }

    @Test
    void everyApplicationHasAModuleAndAMainClass() {
        assertThat(ServiceCommand.MAIN_CLASSES.keySet()).containsExactlyInAnyOrderElementsOf(LocalPlatform.ALL);
        assertThat(ServiceCommand.MODULE_DIRS.keySet()).containsExactlyInAnyOrderElementsOf(LocalPlatform.ALL);
        assertThat(ServiceCommand.MAIN_CLASSES.get("cloud-api-simulator")).isEqualTo("io.switchboard.simulator.Application");
    }

    @Test
    void anUnknownApplicationOrAMalformedHeapIsRefused() {
        assertThatThrownBy(() -> ServiceCommand.jvmArguments("nope", "256m", List.of(), Path.of("/t"), Map.of(), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceCommand.checkHeap("256 MB")).hasMessageContaining("256m or 1g");
        assertThat(ServiceCommand.checkHeap("1g")).isEqualTo("1g");
    }

    @Test
    void theClasspathIsTheModulesClassesThenItsRuntimeClasspathFile(@TempDir Path module) throws Exception {
        Files.createDirectories(module.resolve("target/classes"));
        Files.writeString(module.resolve("target/runtime-classpath.txt"),
                "/m2/a.jar" + File.pathSeparator + File.pathSeparator + "/m2/b.jar\n");

        assertThat(ServiceCommand.classpath(module)).isEqualTo(String.join(File.pathSeparator,
                module.resolve("target/classes").toString(), "/m2/a.jar", "/m2/b.jar"));
    }

    @Test
    void aModuleThatIsNotBuiltIsReportedWithTheFix(@TempDir Path module) {
        assertThatThrownBy(() -> ServiceCommand.classpath(module)).hasMessageContaining("install");
    }

    @Test
    void theArgumentFileQuotesEachArgumentAndEscapesQuotesAndBackslashes() {
        String file = ServiceCommand.argumentFile(List.of("-Xmx256m", "-Dname=Demo business",
                "-Dpath=C:\\dir", "-Dq=say \"hi\" # not a comment"));

        assertThat(file).isEqualTo("\"-Xmx256m\"\n\"-Dname=Demo business\"\n\"-Dpath=C:\\\\dir\"\n"
                + "\"-Dq=say \\\"hi\\\" # not a comment\"\n");
    }

    @Test
    void anArgumentFileIsReadBackByTheJvmAsTheSameArguments(@TempDir Path dir) throws Exception {
        // The JVM itself is the judge of the quoting: it prints the system properties it was given.
        Path args = dir.resolve("probe.args");
        Files.writeString(args, ServiceCommand.argumentFile(List.of("-Dprobe.value=Demo \"business\" C:\\x #1",
                "-XshowSettings:properties", "-version")));
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + args).redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes());
        java.waitFor();

        assertThat(out).contains("probe.value = Demo \"business\" C:\\x #1");
    }
}
