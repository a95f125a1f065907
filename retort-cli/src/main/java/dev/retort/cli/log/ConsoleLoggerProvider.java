package dev.retort.cli.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.concurrent.ConcurrentHashMap;

/** Binds SLF4J to the console format; found through META-INF/services. */
public final class ConsoleLoggerProvider implements SLF4JServiceProvider {
    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> {
        boolean project = ProjectCode.createsLogger();
        // keyed by both: a revision's logger named as a driver's would otherwise share its filter, or the reverse
        return loggers.computeIfAbsent(project ? "project:" + name : name, key -> new ConsoleLogger(name, project));
    };
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override public ILoggerFactory getLoggerFactory() { return factory; }
    @Override public IMarkerFactory getMarkerFactory() { return markers; }
    @Override public MDCAdapter getMDCAdapter() { return mdc; }
    @Override public String getRequestedApiVersion() { return "2.0.99"; }
    /** Also routes java.util.logging (pgjdbc's lines) here: see {@link JulDriverLines.Configuration#routeAllLines}. */
    @Override public void initialize() { JulDriverLines.Configuration.routeAllLines(); }
}
