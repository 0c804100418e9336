package dev.kforge.dsl.cli;

import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.output.FileErrors;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.secrets.DotEnvFile;
import dev.kforge.dsl.secrets.ForgottenVersionBumps;
import dev.kforge.dsl.secrets.SecretManifests;
import dev.kforge.dsl.stack.Stack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code secrets ENV}: the environment's Secrets built from variables and {@code .env.ENV}, outside git. */
final class SecretsCommand {
    private SecretsCommand() {
    }

    static int run(Console console, String name, Path outDir, boolean toStdout, Map<String, String> variables,
                   Path workingDirectory) {
        if (!console.knows(name)) {
            return console.unknown(name);
        }
        RenderResult result = Renderer.renderAll(console.environments());
        if (console.report(result)) {
            console.err().println("No Secret was built: fix the problems above first.");
            return 1;
        }
        if (!toStdout) {
            Optional<String> rendered = renderedOutput(console, outDir);
            if (rendered.isPresent()) {
                console.err().println(rendered.get() + ". Nothing was written: Secret values stay outside out/ and git; write them to "
                        + "the default secrets/ folder (git-ignored) or another folder of their own.");
                return 1;
            }
        }
        Stack stack = result.environment(name).orElseThrow().stack();
        SecretManifests.Result secrets;
        Path envFile = workingDirectory.resolve(".env." + name);
        try {
            secrets = SecretManifests.build(stack, variables, DotEnvFile.read(envFile));
        } catch (IOException e) {
            console.err().println("Cannot read " + envFile + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            // Its message starts with the file (and line): "<file>:2: expected KEY=...".
            String problem = e.getMessage();
            console.err().println("Cannot read " + problem + (problem.endsWith(".") ? "" : ".")
                    + " Nothing was built: fix the file, or set the values as environment variables and move it away.");
            return 1;
        }
        if (!secrets.missing().isEmpty()) {
            console.err().println("Missing or invalid secret values for " + name + " (nothing written):");
            secrets.missing().forEach(line -> console.err().println("  " + line));
            console.err().println("Set them as environment variables or in " + envFile + " (KEY=\"value\", git-ignored).");
            return 1;
        }
        if (secrets.files().isEmpty()) {
            // With --stdout, standard output is kubectl's YAML: a sentence there fails `| kubectl apply -f -`.
            (toStdout ? console.err() : console.out()).println("No Secret of " + name + " takes its values from the environment: its Secrets come from "
                    + "the ExternalSecret or SealedSecret objects in out/" + name + ", or from the controllers that write them in the cluster "
                    + "(SecretSource.writtenBy). Nothing to build.");
            return 0;
        }
        Path folder = outDir.resolve(name);
        List<String> unbumped = ForgottenVersionBumps.find(name, folder, OutputDirectory.read(folder), secrets.files());
        if (!unbumped.isEmpty()) {
            console.err().println("Secret values changed without a version bump in " + name + " (nothing " + (toStdout ? "printed" : "written") + "):");
            unbumped.forEach(line -> console.err().println("  " + line));
            console.err().println("The pods reading such a Secret would not roll: its env vars keep their old values (a container reads them "
                    + "when it starts) and files mounted from it change under running processes. Its version feeds the pods' checksum "
                    + "annotation, its values do not. If the old values never reached the "
                    + "cluster, delete the file named instead.");
            return 1;
        }
        if (toStdout) {
            secrets.files().forEach(file -> console.out().print("---\n" + file.content()));
            return 0;
        }
        try {
            OutputDirectory.replace(folder, secrets.files(), true);
        } catch (IOException e) {
            console.err().println("Cannot write " + folder + ": " + FileErrors.describe(e) + ". The previous " + folder + " is unchanged.");
            return 1;
        }
        console.out().println(folder + ": " + secrets.files().size() + (secrets.files().size() == 1 ? " Secret" : " Secrets") + " written ("
                + String.join(", ", secrets.files().stream().map(ManifestFile::name).toList())
                + "). Outside git; apply with: kubectl apply -f " + folder);
        return 0;
    }

    /**
     * Whether {@code outDir} is where manifests are rendered ({@code --out out}, as render takes it): a folder of an
     * environment there holds files this command did not write. The Secrets would replace a folder git tracks.
     */
    private static Optional<String> renderedOutput(Console console, Path outDir) {
        for (String environment : console.names()) {
            Path folder = outDir.resolve(environment);
            List<String> foreign = OutputDirectory.read(folder).entrySet().stream()
                    .filter(file -> !file.getValue().contains("\n    " + Labels.MANAGED_BY + ": " + SecretManifests.MANAGED_BY + "\n"))
                    .map(Map.Entry::getKey).toList();
            if (!foreign.isEmpty()) {
                return Optional.of(folder + " holds files make secrets did not write (" + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                        + (foreign.size() > 3 ? " and " + (foreign.size() - 3) + " more" : "") + "), which writing would delete: rendered output, which git tracks, or files of your own");
            }
        }
        return Optional.empty();
    }
}
