package io.switchboard.local;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one Micronaut service in its own class loader, built from that module's compiled classes and its runtime
 * classpath (written by the build to {@code target/runtime-classpath.txt}). Each service therefore sees only its own
 * beans and its own {@code application.yml}, exactly as when it runs alone, yet all of them share one JVM: that is what
 * lets the local run and the end-to-end tests start the four services as separate application contexts.
 */
public final class IsolatedService implements AutoCloseable {

    private final String name;
    private final URLClassLoader loader;
    private Object context;

    private IsolatedService(String name, URLClassLoader loader) {
        this.name = name;
        this.loader = loader;
    }

    /** The service built in {@code moduleDir} (for example {@code <repo>/api-ingress}). */
    public static IsolatedService fromModule(String name, Path moduleDir) {
        Path classes = moduleDir.resolve("target/classes");
        Path classpathFile = moduleDir.resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(name + " is not built: " + classpathFile
                    + " is missing. Run ./mvnw -DskipTests install first.");
        }
        List<URL> urls = new ArrayList<>();
        urls.add(url(classes));
        try {
            String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
            for (String entry : classpath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(url(Path.of(entry)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + classpathFile, e);
        }
        return new IsolatedService(name, new URLClassLoader(name, urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader()));
    }

    public String name() {
        return name;
    }

    /** Starts the service's application context (and HTTP server) with these properties on top of its own config. */
    public synchronized void start(Map<String, Object> properties) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            // ApplicationContext rather than Micronaut.run: the latter registers a JVM shutdown hook per service, which
            // deadlocks with the launcher's own orderly shutdown.
            Class<?> applicationContext = loader.loadClass("io.micronaut.context.ApplicationContext");
            Object builder = applicationContext.getMethod("builder").invoke(null);
            builder = invoke(builder, "classLoader", loader);
            builder = invoke(builder, "deduceEnvironment", Boolean.FALSE);
            builder = invoke(builder, "properties", properties);
            context = builder.getClass().getMethod("start").invoke(builder);
            Class<?> embeddedApplication = loader.loadClass("io.micronaut.runtime.EmbeddedApplication");
            Optional<?> server = (Optional<?>) applicationContext.getMethod("findBean", Class.class)
                    .invoke(context, embeddedApplication);
            if (server.isPresent()) {
                embeddedApplication.getMethod("start").invoke(server.get());
            }
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(name + " failed to start: " + cause.getMessage(), cause);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The running context's bean of the named type (an object of the service's class loader), for tests and tools. */
    public synchronized Object bean(String className) {
        if (context == null) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            Class<?> type = loader.loadClass(className);
            return context.getClass().getMethod("getBean", Class.class).invoke(context, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + " has no bean " + className, e.getCause() != null ? e.getCause() : e);
        }
    }

    /** The service's own class loader (its classes and libraries; the platform loader as parent). */
    public ClassLoader classLoader() {
        return loader;
    }

    public synchronized boolean isRunning() {
        if (context == null) {
            return false;
        }
        try {
            return (boolean) context.getClass().getMethod("isRunning").invoke(context);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Stops the context (graceful shutdown of its consumers and servers). The class loader can be started again. */
    public synchronized void stop() {
        if (context == null) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            context.getClass().getMethod("close").invoke(context);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("[" + name + "] did not stop cleanly: " + cause);
        } finally {
            context = null;
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Stops the service. The class loader stays open: Netty and Kafka threads finish shutting down asynchronously and
     * still load classes from it; it goes away with its last thread.
     */
    @Override
    public void close() {
        stop();
    }

    /** Calls a one-argument builder method by name; the builder lives in the other class loader. */
    private static Object invoke(Object target, String method, Object arg) throws ReflectiveOperationException {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == 1 && accepts(m.getParameterTypes()[0], arg)) {
                m.setAccessible(true);
                return m.invoke(target, arg);
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + method);
    }

    private static boolean accepts(Class<?> parameter, Object arg) {
        if (parameter == boolean.class) {
            return arg instanceof Boolean;
        }
        return parameter.isInstance(arg);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }
}
