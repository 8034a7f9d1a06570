package io.switchboard.local;

import java.nio.file.Path;

/**
 * Command-line options of the local run. Ports default to the documented ones and can be moved with
 * {@code --port-offset N} when something else on the machine already uses them.
 */
record LocalOptions(Path home, boolean verbose, int portOffset, Platform.DemoLimits demoLimits) {

    record Ports(int kafka, int kafkaController, int redis, int registry, Platform.Ports platform) {

        /** The first of the ports that something already listens on, or null when all are free. */
        String firstBusy() {
            for (int port : new int[] {kafka, kafkaController, redis, registry, platform.ingress(),
                    platform.dispatcher(), platform.webhookIngest(), platform.projector(), platform.simulator()}) {
                try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                } catch (java.io.IOException inUse) {
                    return Integer.toString(port);
                }
            }
            return null;
        }
    }

    static LocalOptions parse(String[] args) {
        Path home = Path.of("").toAbsolutePath();
        boolean verbose = false;
        int offset = 0;
        int perMinute = Platform.DemoLimits.HIGH.perMinute();
        int perDay = Platform.DemoLimits.HIGH.perDay();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]).toAbsolutePath();
                case "--verbose", "-v" -> verbose = true;
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--demo-rate-limit" -> perMinute = Integer.parseInt(args[++i]);
                case "--demo-daily-limit" -> perDay = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + ". Options: --home DIR, --verbose, --port-offset N, --demo-rate-limit N, --demo-daily-limit N");
            }
        }
        return new LocalOptions(home, verbose, offset, new Platform.DemoLimits(perMinute, perDay));
    }

    Ports ports() {
        int o = portOffset;
        return new Ports(9092 + o, 9093 + o, 6380 + o, 8081 + o,
                new Platform.Ports(8080 + o, 8082 + o, 8083 + o, 8084 + o, 8090 + o));
    }
}
