package dev.kforge.tgr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * GitHub-shaped test data. Every repository is derived from the real {@code vinta/awesome-python} object
 * the workshop's service returned (seed 000), as GitHub's search returns it: the full repository object
 * plus {@code score}, without the {@code /repos/{owner}/{repo}}-only counts.
 */
public final class Fixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectNode AWESOME_PYTHON = load("/fixtures/awesome-python.json");
    /** Stars of the top repository of every generated language; each next one has 100 fewer. */
    public static final int TOP_STARS = 71222;

    private Fixtures() {
    }

    /** The seed's object, unchanged. */
    public static ObjectNode awesomePython() {
        return AWESOME_PYTHON.deepCopy();
    }

    /**
     * The repository at {@code rank} (0 = most stars) of a language. Rank 0 of Python is awesome-python
     * itself; others are renamed copies with fewer stars.
     */
    public static ObjectNode repository(String language, int rank) {
        ObjectNode repo = searchItem(AWESOME_PYTHON);
        if (language.equalsIgnoreCase("python") && rank == 0) {
            return repo;
        }
        String slug = language.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String login = "owner-" + slug + "-" + rank;
        String name = slug + "-project-" + rank;
        String text;
        try {
            text = MAPPER.writeValueAsString(repo)
                    .replace("vinta/awesome-python", login + "/" + name)
                    .replace("/users/vinta", "/users/" + login)
                    .replace("github.com/vinta", "github.com/" + login);
            repo = (ObjectNode) MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long id = 1_000_000L + (long) Math.abs(slug.hashCode() % 100_000) * 1000 + rank;
        int stars = TOP_STARS - 100 * rank;
        repo.put("id", id);
        repo.put("node_id", "R_test" + id);
        repo.put("name", name);
        repo.put("full_name", login + "/" + name);
        repo.put("description", "Test repository " + rank + " written in " + language);
        repo.put("language", language);
        repo.put("stargazers_count", stars);
        repo.put("watchers_count", stars);
        repo.put("watchers", stars);
        repo.put("homepage", (String) null);
        ((ObjectNode) repo.get("owner")).put("login", login).put("id", id + 7).put("node_id", "U_test" + id);
        return repo;
    }

    /**
     * A {@code GET /search/repositories} body: {@code total_count}, {@code incomplete_results} and the
     * first {@code perPage} items of {@code total} repositories of the language.
     */
    public static String searchBody(String language, int perPage, int total) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("total_count", total);
        root.put("incomplete_results", false);
        ArrayNode items = root.putArray("items");
        for (int rank = 0; rank < Math.min(perPage, total); rank++) {
            items.add(repository(language, rank));
        }
        return root.toString();
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode searchItem(ObjectNode full) {
        ObjectNode item = full.deepCopy();
        item.remove("network_count");
        item.remove("subscribers_count");
        item.put("score", 1.0);
        return item;
    }

    private static ObjectNode load(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
