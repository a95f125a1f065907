package org.h2.retorttest;

import java.util.concurrent.CountDownLatch;

/** A wait whose stack has a frame of a class in org.h2, as a DataSource opening an H2 database has. */
public final class WaitsInH2 {
    private WaitsInH2() {
    }

    public static void await(CountDownLatch release) throws InterruptedException {
        release.await();
    }
}
