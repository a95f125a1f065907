package dev.retort.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who runs Retort, for the history table's {@code applied_by}. Java's {@code user.name} is {@code ?} for a uid without
 * a passwd entry: a container run as an arbitrary uid (OpenShift, {@code docker run --user}, Kubernetes
 * {@code runAsUser}), where production migrations run, and the audit row then said nothing (t62-3). There the
 * environment's {@code USER} or {@code LOGNAME} is taken, else the numeric uid ({@code uid=12345}).
 */
final class OsUser {
    private OsUser() {
    }

    /** This process's user, as {@code applied_by} records it. */
    static String name() {
        return name(System.getProperty("user.name", ""), System::getenv, OsUser::uid);
    }

    static String name(String userName, Function<String, String> env, Supplier<String> uid) {
        if (known(userName)) return userName;
        for (String variable : new String[]{"USER", "LOGNAME"}) {
            String value = env.apply(variable);
            if (known(value)) return value.strip();
        }
        String id = uid.get();
        return id == null ? (userName == null ? "" : userName) : "uid=" + id;
    }

    private static boolean known(String name) {
        return name != null && !name.isBlank() && !name.strip().equals("?");
    }

    /** The real uid from Linux's /proc/self/status, or null elsewhere. */
    private static String uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] fields = line.substring(4).strip().split("\\s+");
                    return fields.length > 0 && !fields[0].isEmpty() ? fields[0] : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no uid to give
        }
        return null;
    }
}
