package dev.kforge.tgr.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's keytool: the fake API server's key, and
 * (as PEM) the {@code ca.crt} a pod would find in its service-account directory.
 */
public final class TestCertificate {

    private static final String PASSWORD = "changeit";

    private final Path keyStore;
    private final Path certificatePem;

    private TestCertificate(Path keyStore, Path certificatePem) {
        this.keyStore = keyStore;
        this.certificatePem = certificatePem;
    }

    public static TestCertificate create(Path dir, String name) throws IOException, InterruptedException {
        Path keyStore = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".crt");
        keytool(List.of("-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=kubernetes", "-ext", "SAN=ip:127.0.0.1,dns:kubernetes.default.svc", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        keytool(List.of("-exportcert", "-rfc", "-alias", "api", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", pem.toString()));
        return new TestCertificate(keyStore, pem);
    }

    /** The PEM certificate, to copy to {@code ca.crt}. */
    public Path pem() {
        return certificatePem;
    }

    SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
