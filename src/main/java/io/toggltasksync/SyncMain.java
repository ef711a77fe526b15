package io.toggltasksync;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class SyncMain implements QuarkusApplication {
    @Override
    public int run(String... args) {
        return 0;
    }
}
