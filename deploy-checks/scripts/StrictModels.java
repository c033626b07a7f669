// Strict check of Kubernetes objects against fabric8's Java model of the Kubernetes API (the model the controller
// itself is built on): every field must be one the API declares, with a value of the declared type. fabric8 keeps
// unknown fields in each model object's additionalProperties instead of failing, so after reading an object with
// its typed class this walks the tree and reports every such field by its path.
// Usage: java -cp <fabric8 model jars> StrictModels.java objects.json  (a JSON array of objects)
// Prints one line per problem and "checked N objects strictly, M kinds without a Java model: ..." at the end.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

public class StrictModels {

    public static void main(String[] args) throws Exception {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<String> problems = new ArrayList<>();
        Set<String> unmodelled = new TreeSet<>();
        int checked = 0;
        for (JsonNode node : new ObjectMapper().readTree(new File(args[0]))) {
            String what = node.path("kind").asText() + " " + node.path("metadata").path("name").asText();
            KubernetesResource resource;
            try {
                resource = serialization.unmarshal(node.toString(), KubernetesResource.class);
            } catch (RuntimeException e) {
                problems.add(what + ": " + readError(e));
                continue;
            }
            if (resource instanceof GenericKubernetesResource) {
                unmodelled.add(node.path("apiVersion").asText() + " " + node.path("kind").asText());
                continue;
            }
            checked++;
            walk(resource, "", what, problems, new IdentityHashMap<>());
        }
        problems.forEach(System.out::println);
        System.out.println("checked " + checked + " objects strictly, " + unmodelled.size() + " kinds without a Java model: " + unmodelled);
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** Jackson's own words from the bottom of the cause chain: what was wrong and where (its reference chain). */
    private static String readError(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        String first = message.lines().findFirst().orElse("");
        int chain = message.indexOf("(through reference chain:");
        return chain < 0 ? first : first + " " + message.substring(chain).replaceAll("\\s+", " ");
    }

    private static void walk(Object value, String path, String what, List<String> problems, Map<Object, Boolean> seen) throws Exception {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", what, problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), what, problems, seen);
            }
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object child = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    for (Object key : extra.keySet()) {
                        problems.add(what + ": unknown field " + (path.isEmpty() ? "" : path.substring(1) + ".") + key);
                    }
                }
                continue;
            }
            String name = getter.getName().replaceFirst("^(get|is)", "");
            walk(child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), what, problems, seen);
        }
    }
}
