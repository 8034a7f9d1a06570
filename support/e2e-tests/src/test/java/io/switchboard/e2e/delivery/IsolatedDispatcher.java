package io.switchboard.e2e.delivery;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One dispatcher instance in its own class loader (the module's {@code target/classes} and runtime classpath, like
 * {@code io.switchboard.local.IsolatedService}), so that it and the simulator each see only their own beans and
 * {@code application.yml}. Unlike the launcher's service it keeps a handle on the instance's Micrometer registry,
 * which outlives the context: what an instance counted while it was being killed (possible duplicates) can still be
 * read after it is gone.
 */
final class IsolatedDispatcher implements AutoCloseable {

    private final URLClassLoader loader;
    private Object context;
    private Object meters;
    private int port;

    private IsolatedDispatcher(URLClassLoader loader) {
        this.loader = loader;
    }

    /** Starts the dispatcher built in {@code <repo>/dispatcher} with these properties over its own configuration. */
    static IsolatedDispatcher start(Path repositoryRoot, Map<String, Object> properties) {
        IsolatedDispatcher dispatcher = new IsolatedDispatcher(loader(repositoryRoot.resolve("dispatcher")));
        dispatcher.run(properties);
        return dispatcher;
    }

    private void run(Map<String, Object> properties) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> contextType = loader.loadClass("io.micronaut.context.ApplicationContext");
            Object builder = contextType.getMethod("builder").invoke(null);
            builder = call(builder, "classLoader", ClassLoader.class, loader);
            builder = call(builder, "deduceEnvironment", Boolean.class, Boolean.FALSE);
            builder = call(builder, "properties", Map.class, properties);
            context = builder.getClass().getMethod("start").invoke(builder);
            Class<?> serverType = loader.loadClass("io.micronaut.runtime.server.EmbeddedServer");
            Object server = contextType.getMethod("getBean", Class.class).invoke(context, serverType);
            serverType.getMethod("start").invoke(server);
            port = (int) serverType.getMethod("getPort").invoke(server);
            meters = contextType.getMethod("getBean", Class.class)
                    .invoke(context, loader.loadClass("io.micrometer.core.instrument.MeterRegistry"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("dispatcher failed to start", e.getCause() != null ? e.getCause() : e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The sum of the counter {@code name} (Micrometer's dotted name) over every tag; readable after {@link #close}. */
    double counter(String name) {
        try {
            Class<?> registryType = loader.loadClass("io.micrometer.core.instrument.MeterRegistry");
            Class<?> searchType = loader.loadClass("io.micrometer.core.instrument.search.Search");
            Class<?> counterType = loader.loadClass("io.micrometer.core.instrument.Counter");
            Object search = registryType.getMethod("find", String.class).invoke(meters, name);
            double sum = 0;
            for (Object counter : (Collection<?>) searchType.getMethod("counters").invoke(search)) {
                sum += (double) counterType.getMethod("count").invoke(counter);
            }
            return sum;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the application context (with whatever shutdown-timeout it was started with). */
    @Override
    public synchronized void close() {
        if (context == null) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            context.getClass().getMethod("close").invoke(context);
        } catch (ReflectiveOperationException e) {
            System.err.println("[dispatcher] did not stop cleanly: " + e.getCause());
        } finally {
            context = null;
            thread.setContextClassLoader(previous);
        }
    }

    private static Object call(Object target, String name, Class<?> parameter, Object arg)
            throws ReflectiveOperationException {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 1
                    && (method.getParameterTypes()[0].equals(parameter)
                            || method.getParameterTypes()[0].isAssignableFrom(parameter))) {
                method.setAccessible(true);
                return method.invoke(target, arg);
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

    private static URLClassLoader loader(Path module) {
        Path classpathFile = module.resolve("target/runtime-classpath.txt");
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(module.resolve("target/classes").toUri().toURL());
            for (String entry : Files.readString(classpathFile, StandardCharsets.UTF_8).trim()
                    .split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new IllegalStateException(module + " is not built (" + classpathFile + "): run ./mvnw install", e);
        }
        return new URLClassLoader("dispatcher", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
