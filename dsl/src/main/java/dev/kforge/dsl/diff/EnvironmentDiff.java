package dev.kforge.dsl.diff;

import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.render.RenderedObject;
import dev.kforge.dsl.yaml.FieldPaths;
import dev.kforge.dsl.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The semantic difference between two rendered environments: objects matched by kind and name,
 * fields by path (list items by their {@code name} where they have one), values compared with each
 * environment's name replaced by {@code <env>}. Not a text diff of files.
 */
public final class EnvironmentDiff {
    private static final String PLACEHOLDER = "<env>";
    /** A pod template's checksum annotation of a ConfigMap or Secret (ConfigChecksums), in a Deployment's or a CronJob's template. */
    private static final Pattern CHECKSUM = Pattern.compile("(?:.*\\.)?metadata\\.annotations\\.checksum\\.kforge\\.dev/(configmap|secret)-(.+)");
    private static final List<String> CONFIG_MAP_KINDS = List.of("ConfigMap");
    /** How a Secret's content shows in out/: itself (never, but for a test), or the object that makes it. */
    private static final List<String> SECRET_KINDS = List.of("Secret", "ExternalSecret", "SealedSecret");

    private EnvironmentDiff() {
    }

    /** The fields that differ, by kind, name and path. */
    public static List<FieldDifference> between(RenderedEnvironment from, RenderedEnvironment to) {
        return compare(from, to).differences();
    }

    /**
     * The differences, and the values the same in both that name one of the environments: {@code db.prod.internal} in
     * staging and in prod is the same text, but staging's likely means prod's database (a Java package {@code dev.example}
     * is the same text for a good reason: only a reader can tell).
     *
     * @param differences fields that differ beyond each environment's own name
     * @param sharedNames fields equal in both (up to each one's own name) that keep an environment's name in both
     */
    public record Comparison(List<FieldDifference> differences, List<FieldDifference> sharedNames) {
    }

    public static Comparison compare(RenderedEnvironment from, RenderedEnvironment to) {
        List<String> fromNames = namesOf(from.name(), to.name());
        List<String> toNames = namesOf(to.name(), from.name());
        Pattern fromToken = token(fromNames);
        Pattern toToken = token(toNames);
        String anyName = anyName(fromNames, toNames);
        Map<String, Map<String, String>> left = flatten(from, fromToken);
        Map<String, Map<String, String>> right = flatten(to, toToken);
        TreeSet<String> objects = new TreeSet<>(left.keySet());
        objects.addAll(right.keySet());
        List<FieldDifference> differences = new ArrayList<>();
        List<FieldDifference> sharedNames = new ArrayList<>();
        for (String object : objects) {
            String kind = object.substring(0, object.indexOf('/'));
            String name = object.substring(object.indexOf('/') + 1);
            Map<String, String> a = left.get(object);
            Map<String, String> b = right.get(object);
            if (a == null || b == null) {
                differences.add(new FieldDifference(kind, name, "", Optional.ofNullable(a).map(x -> "present"),
                        Optional.ofNullable(b).map(x -> "present")));
                continue;
            }
            TreeSet<String> paths = new TreeSet<>(a.keySet());
            paths.addAll(b.keySet());
            for (String path : paths) {
                String va = a.get(path);
                String vb = b.get(path);
                Match match = va == null || vb == null ? Match.DIFFERENT : match(va, vb, fromToken, toToken, fromNames, anyName);
                if (match == Match.SAME) {
                    continue; // nearly every field: not redacted, which reads the rest of the object
                }
                // Redacted here, where the rest of the object is at hand (the flag before an argument); shown as written.
                FieldDifference field = new FieldDifference(kind, name, path, Optional.ofNullable(FileDiff.redacted(path, va, a)),
                        Optional.ofNullable(FileDiff.redacted(path, vb, b)));
                (match == Match.DIFFERENT ? differences : sharedNames).add(field);
            }
        }
        return new Comparison(withoutEchoedChecksums(differences, left, right, fromToken), sharedNames);
    }

    /**
     * A pod template's checksum of a ConfigMap or Secret follows that object's content, the environment's name in it included
     * ({@code ENV: staging}, the store {@code tgr-staging}): where the object is in both environments and differs in nothing
     * else, its checksum's difference says nothing, and is left out. Where the object differs, or is in one only, it stays.
     */
    private static List<FieldDifference> withoutEchoedChecksums(List<FieldDifference> differences, Map<String, Map<String, String>> left,
                                                                Map<String, Map<String, String>> right, Pattern fromToken) {
        TreeSet<String> differing = new TreeSet<>();
        for (FieldDifference difference : differences) {
            differing.add(difference.kind() + "/" + difference.name());
        }
        List<FieldDifference> kept = new ArrayList<>(differences.size());
        for (FieldDifference difference : differences) {
            Matcher checksum = CHECKSUM.matcher(difference.path());
            if (checksum.matches()) {
                String name = fromToken.matcher(checksum.group(2)).replaceAll(PLACEHOLDER);
                List<String> covered = (checksum.group(1).equals("configmap") ? CONFIG_MAP_KINDS : SECRET_KINDS).stream()
                        .map(kind -> kind + "/" + name).filter(object -> left.containsKey(object) || right.containsKey(object)).toList();
                if (!covered.isEmpty() && covered.stream().allMatch(object -> left.containsKey(object) && right.containsKey(object)
                        && !differing.contains(object))) {
                    continue;
                }
            }
            kept.add(difference);
        }
        return kept;
    }

    private enum Match { SAME, SHARING_A_NAME, DIFFERENT }

    /**
     * Whether {@code b} is {@code a} with some of the places {@code a} names its environment naming the other one: the same
     * value; and whether, doing so, both keep an environment's name at one place (a Java package {@code dev.}, or a host
     * {@code db.prod.internal} in both).
     */
    private static Match match(String a, String b, Pattern aToken, Pattern bToken, List<String> aNames, String anyName) {
        if (a.equals(b)) {
            return aToken.matcher(a).find() || bToken.matcher(a).find() ? Match.SHARING_A_NAME : Match.SAME;
        }
        StringBuilder pattern = new StringBuilder();
        Matcher names = aToken.matcher(a);
        int from = 0;
        while (names.find()) {
            pattern.append(Pattern.quote(a.substring(from, names.start()))).append(anyName);
            from = names.end();
        }
        pattern.append(Pattern.quote(a.substring(from)));
        Matcher aligned = Pattern.compile(pattern.toString()).matcher(b);
        if (from == 0 || !aligned.matches()) {
            return Match.DIFFERENT;
        }
        for (int group = 1; group <= aligned.groupCount(); group++) {
            if (aNames.contains(aligned.group(group))) {
                return Match.SHARING_A_NAME;
            }
        }
        return bToken.matcher(b).results().count() > aligned.groupCount() ? Match.SHARING_A_NAME : Match.SAME;
    }

    /** A regular expression group matching any name of either environment, the longest first ({@code notifier-staging} before {@code staging}). */
    private static String anyName(List<String> aNames, List<String> bNames) {
        List<String> either = new ArrayList<>(aNames);
        either.addAll(bNames);
        either.sort(Comparator.comparingInt(String::length).reversed());
        return "(" + String.join("|", either.stream().map(Pattern::quote).toList()) + ")";
    }

    /**
     * The names an environment goes by: its own, and, beside an environment of the same service named with the same
     * prefix ({@code notifier-staging} beside {@code notifier-prod}), what follows the prefix ({@code staging}), which
     * its values use as tgr's use {@code staging}. Only when what follows has two letters or more on both sides: {@code 1}
     * of {@code prod-1} beside {@code prod-2}, or {@code v1} beside {@code v2}, would set aside replica counts, addresses,
     * image tags and every {@code apiVersion: v1}.
     */
    static List<String> namesOf(String environment, String other) {
        int prefix = 0;
        for (int i = 0; i < Math.min(environment.length(), other.length()) && environment.charAt(i) == other.charAt(i); i++) {
            if (environment.charAt(i) == '-') {
                prefix = i + 1;
            }
        }
        return prefix == 0 || !readsAsAName(environment.substring(prefix)) || !readsAsAName(other.substring(prefix))
                ? List.of(environment) : List.of(environment, environment.substring(prefix));
    }

    /** Two letters or more ({@code staging}, {@code eu}, {@code dev2}), not a number, a letter or a version ({@code 2}, {@code b}, {@code v2}). */
    private static boolean readsAsAName(String suffix) {
        return suffix.chars().filter(Character::isLetter).count() >= 2;
    }

    /** The environment's names as words of their own ({@code tgr-dev}, {@code tgr.dev.example.com}, not {@code device}), longest first. */
    private static Pattern token(List<String> names) {
        return Pattern.compile("(?<![A-Za-z0-9])(?:" + String.join("|", names.stream().map(Pattern::quote).toList()) + ")(?![A-Za-z0-9])");
    }

    /**
     * Every object of the environment as kind/name -> (path -> value), the environment's name replaced in object
     * names and list items' names (what matches them across environments), not in values (compared both ways).
     */
    private static Map<String, Map<String, String>> flatten(RenderedEnvironment environment, Pattern token) {
        Map<String, Map<String, String>> objects = new TreeMap<>();
        for (RenderedObject object : environment.objects()) {
            Map<String, String> fields = new TreeMap<>();
            FieldPaths.put(YamlWriter.canonicalTree(object.manifest()), "", fields, item -> token.matcher(item).replaceAll(PLACEHOLDER));
            if (object.manifest() instanceof Job) {
                fields.remove("metadata.name"); // the hash of the rest, namespace included: what differs shows elsewhere
            }
            String name = token.matcher(object.source().name()).replaceAll(PLACEHOLDER);
            objects.put(object.kind().kind() + "/" + name, fields);
        }
        return objects;
    }
}
