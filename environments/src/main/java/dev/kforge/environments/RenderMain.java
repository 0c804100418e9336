package dev.kforge.environments;

import dev.kforge.dsl.cli.Cli;

/** {@code java -jar tgr-environments.jar render dev}: see {@link Cli} for the commands. */
public final class RenderMain {
    private RenderMain() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(TgrEnvironments::all, System.out, System.err, args));
    }
}
