// Strict check of Kubernetes objects against the API of every Kubernetes minor the chart supports. The official Java
// client (io.kubernetes:client-java-api) is generated from one minor's OpenAPI spec per release; the build copies one
// jar per minor into <models>/<minor>/ (deploy-checks/pom.xml). One JVM loads each jar in its own class loader and
// reads every object through that minor's generated model: the group/version must have a generated API class that
// reads the kind (so policy/v1beta1 is refused from 1.25 on), every field must be one the model declares (gson's
// @SerializedName), every required field present (openapiRequiredFields, or swagger's @ApiModelProperty(required =
// true) before 20.0), and every value of the declared type. The generated validateJsonElement/validateJsonObject
// (20.0 on) checks only unknown and required fields, one error per object without its path, and takes "two" for an
// integer: so this walk does the work, and the generated method runs after it as a second opinion. Groups outside
// Kubernetes' own (*.k8s.io and the dotless ones) are custom resources, left to their CRD schemas and only counted.
// Usage: java -cp '<models>/lib/*' KubernetesApiModels.java objects.json <models>
// Prints one line per problem ("Kubernetes 1.25: <kind> <name>: <problem> <path>"), then one summary line per minor.
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

public class KubernetesApiModels {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final String APIS = "io.kubernetes.client.openapi.apis.";

    public static void main(String[] args) throws Exception {
        JsonArray objects;
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
            objects = JsonParser.parseReader(reader).getAsJsonArray();
        }
        List<String> summaries = new ArrayList<>();
        boolean failed = false;
        for (Path dir : minors(Path.of(args[1]))) {
            List<Path> jars;
            try (Stream<Path> files = Files.list(dir)) {
                jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
            }
            if (jars.size() != 1) {
                throw new IllegalStateException(dir + " must hold one client-java-api jar, not " + jars + " (mvn clean, then build again)");
            }
            // The models find gson, commons-lang3 and swagger's annotations on this program's class path.
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jars.get(0).toUri().toURL()}, ClassLoader.getSystemClassLoader())) {
                Minor minor = new Minor("Kubernetes " + dir.getFileName(), loader);
                for (JsonElement object : objects) {
                    minor.check(object.getAsJsonObject());
                }
                minor.problems.forEach(System.out::println);
                failed |= !minor.problems.isEmpty();
                summaries.add(minor.label + " (" + jars.get(0).getFileName() + "): checked " + minor.checked + " objects, "
                        + minor.problems.size() + " problems, custom resources left to their CRDs: " + minor.custom);
            }
        }
        summaries.forEach(System.out::println);
        System.exit(failed ? 1 : 0);
    }

    /** The subfolders named like a Kubernetes minor ("1.25"), oldest first. */
    private static List<Path> minors(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+\\.\\d+"))
                    .sorted(Comparator.comparing((Path d) -> Runtime.Version.parse(d.getFileName().toString())))
                    .toList();
        }
    }

    /** One Kubernetes minor: its generated API and models, and what its check found. */
    static final class Minor {
        final String label;
        final ClassLoader loader;
        final List<String> problems = new ArrayList<>();
        final Set<String> custom = new TreeSet<>();
        final Map<Class<?>, Map<String, Field>> fieldsByType = new HashMap<>();
        final Map<Class<?>, Set<String>> requiredByType = new HashMap<>();
        final Map<String, Class<?>> models = new HashMap<>();
        final Method parseQuantity;
        int checked;
        private String object;

        Minor(String label, ClassLoader loader) throws ReflectiveOperationException {
            this.label = label;
            this.loader = loader;
            this.parseQuantity = loader.loadClass("io.kubernetes.client.custom.Quantity").getMethod("fromString", String.class);
        }

        void check(JsonObject json) throws ReflectiveOperationException, IOException {
            String apiVersion = text(json, "apiVersion");
            String kind = text(json, "kind");
            object = kind + " " + (json.has("metadata") ? text(json.getAsJsonObject("metadata"), "name") : "");
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            if (group.contains(".") && !group.endsWith(".k8s.io")) {
                custom.add(apiVersion + " " + kind);
                return;
            }
            String key = apiVersion + " " + kind;
            if (!models.containsKey(key)) {
                models.put(key, modelOf(group, apiVersion.substring(apiVersion.indexOf('/') + 1), kind));
            }
            Class<?> model = models.get(key);
            if (model == null) {
                problems.add(label + ": " + object + ": " + apiVersion + " " + kind + " is not served (no such API in this version)");
                return;
            }
            checked++;
            int before = problems.size();
            walkObject(model, json, "");
            if (problems.size() == before) {
                secondOpinion(model, json);
            }
        }

        /**
         * The model of a kind the generated API of its group and version reads (AppsV1Api.readNamespacedDeployment →
         * V1Deployment), or null when that API or method does not exist. The API classes' signatures name okhttp types,
         * so instead of reflecting on them (and loading an HTTP client) this looks for the method name in the class file.
         */
        private Class<?> modelOf(String group, String version, String kind) throws IOException {
            StringBuilder prefix = new StringBuilder();
            for (String part : (group.isEmpty() ? "core" : group.replaceFirst("\\.k8s\\.io$", "")).split("\\.")) {
                prefix.append(capitalize(part));
            }
            prefix.append(capitalize(version));
            byte[] api;
            try (InputStream in = loader.getResourceAsStream(APIS.replace('.', '/') + prefix + "Api.class")) {
                if (in == null) {
                    return null;
                }
                api = in.readAllBytes();
            }
            if (!hasUtf8(api, "read" + kind) && !hasUtf8(api, "readNamespaced" + kind)) {
                return null;
            }
            // Kinds whose name another group shares carry the group in the class name (CoreV1Event, EventsV1Event).
            for (String name : List.of(prefix + kind, capitalize(version) + kind)) {
                try {
                    return loader.loadClass(MODELS + name);
                } catch (ClassNotFoundException e) {
                    // try the next
                }
            }
            throw new IllegalStateException(prefix + "Api reads " + kind + " but no model class is named after it");
        }

        private void walkObject(Class<?> model, JsonObject json, String path) throws ReflectiveOperationException {
            Map<String, Field> fields = fieldsOf(model);
            for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
                Field field = fields.get(entry.getKey());
                if (field == null) {
                    problem("unknown field", join(path, entry.getKey()));
                } else {
                    walk(field.getGenericType(), entry.getValue(), join(path, entry.getKey()));
                }
            }
            for (String name : requiredOf(model)) {
                if (json.get(name) == null || json.get(name).isJsonNull()) {
                    problem("missing required field", join(path, name));
                }
            }
        }

        private void walk(Type type, JsonElement json, String path) throws ReflectiveOperationException {
            if (json.isJsonNull()) {
                return; // the API server reads null as absent; a required field is checked by its parent
            }
            if (type instanceof ParameterizedType generic) {
                Type[] arguments = generic.getActualTypeArguments();
                if (generic.getRawType() == List.class) {
                    if (!json.isJsonArray()) {
                        problem("expected a list at", path);
                        return;
                    }
                    JsonArray items = json.getAsJsonArray();
                    for (int i = 0; i < items.size(); i++) {
                        walk(arguments[0], items.get(i), path + "[" + i + "]");
                    }
                } else if (generic.getRawType() == Map.class) {
                    if (!json.isJsonObject()) {
                        problem("expected a map at", path);
                        return;
                    }
                    for (Map.Entry<String, JsonElement> entry : json.getAsJsonObject().entrySet()) {
                        walk(arguments[1], entry.getValue(), join(path, entry.getKey()));
                    }
                } else {
                    throw new IllegalStateException("no rule for " + type + " at " + path);
                }
                return;
            }
            Class<?> java = (Class<?>) type;
            if (java.getName().startsWith(MODELS)) {
                if (json.isJsonObject()) {
                    walkObject(java, json.getAsJsonObject(), path);
                } else {
                    problem("expected an object (" + java.getSimpleName() + ") at", path);
                }
                return;
            }
            String wrong = scalarProblem(java, json);
            if (wrong != null) {
                problem(wrong + " at", path);
            }
        }

        /** Why a JSON value does not fit a scalar field's Java type, or null when it does. */
        private String scalarProblem(Class<?> java, JsonElement json) throws ReflectiveOperationException {
            boolean string = json.isJsonPrimitive() && json.getAsJsonPrimitive().isString();
            boolean number = json.isJsonPrimitive() && json.getAsJsonPrimitive().isNumber();
            switch (java.getName()) {
                case "java.lang.Object":
                    return null; // free-form in the spec (x-kubernetes-preserve-unknown-fields, JSON schema values)
                case "java.lang.String":
                    return string ? null : "expected a string, not " + shown(json);
                case "java.lang.Boolean":
                    return json.isJsonPrimitive() && json.getAsJsonPrimitive().isBoolean() ? null : "expected true or false, not " + shown(json);
                case "java.lang.Integer":
                    return number && fitsInteger(json, 32) ? null : "expected a 32-bit integer, not " + shown(json);
                case "java.lang.Long":
                    return number && fitsInteger(json, 64) ? null : "expected a 64-bit integer, not " + shown(json);
                case "java.lang.Double", "java.lang.Float", "java.math.BigDecimal":
                    return number ? null : "expected a number, not " + shown(json);
                case "io.kubernetes.client.custom.IntOrString":
                    return string || number && fitsInteger(json, 32) ? null : "expected an integer or a string, not " + shown(json);
                case "[B":
                    return string && isBase64(json.getAsString()) ? null : "expected base64 data, not " + (string ? "other text" : shown(json));
                case "java.time.OffsetDateTime":
                    return string && isTime(json.getAsString()) ? null : "expected an RFC 3339 time, not " + (string ? "other text" : shown(json));
                case "io.kubernetes.client.custom.Quantity":
                    if (!string && !number) {
                        return "expected a quantity, not " + shown(json);
                    }
                    try {
                        parseQuantity.invoke(null, json.getAsString());
                        return null;
                    } catch (InvocationTargetException e) {
                        return "expected a quantity such as 250m, 1.5 or 64Mi, not " + (number ? json : "that string");
                    }
                default:
                    throw new IllegalStateException("no rule for the Java type " + java.getName());
            }
        }

        /** The generated validator (20.0 on), on objects the walk found nothing in: it must agree. */
        private void secondOpinion(Class<?> model, JsonObject json) throws ReflectiveOperationException {
            Method validate;
            try {
                validate = model.getMethod("validateJsonElement", JsonElement.class);
            } catch (NoSuchMethodException e) {
                try {
                    validate = model.getMethod("validateJsonObject", JsonObject.class);
                } catch (NoSuchMethodException older) {
                    return; // before 20.0 the client generated no validator
                }
            }
            try {
                validate.invoke(null, json);
            } catch (InvocationTargetException e) {
                // Its messages end with the value or the whole object, which may be a Secret's: cut them off.
                String message = String.valueOf(e.getCause().getMessage()).split("\\. JSON: |: \\{| but got ")[0];
                problem("the generated " + model.getSimpleName() + "." + validate.getName() + " refuses it:", message);
            }
        }

        private Map<String, Field> fieldsOf(Class<?> model) {
            return fieldsByType.computeIfAbsent(model, m -> {
                Map<String, Field> fields = new LinkedHashMap<>();
                for (Field field : m.getDeclaredFields()) {
                    SerializedName name = field.getAnnotation(SerializedName.class);
                    if (name != null && !Modifier.isStatic(field.getModifiers())) {
                        fields.put(name.value(), field);
                    }
                }
                return fields;
            });
        }

        @SuppressWarnings("unchecked")
        private Set<String> requiredOf(Class<?> model) throws ReflectiveOperationException {
            Set<String> known = requiredByType.get(model);
            if (known != null) {
                return known;
            }
            Set<String> required = new TreeSet<>();
            try {
                required.addAll((Set<String>) model.getField("openapiRequiredFields").get(null));
            } catch (NoSuchFieldException beforeTwenty) {
                // Before 20.0 the generator marked required properties with swagger's annotation on the getter.
                for (Map.Entry<String, Field> field : fieldsOf(model).entrySet()) {
                    String javaName = capitalize(field.getValue().getName());
                    for (Method getter : model.getMethods()) {
                        if (getter.getParameterCount() == 0 && (getter.getName().equals("get" + javaName) || getter.getName().equals("is" + javaName))
                                && markedRequired(getter)) {
                            required.add(field.getKey());
                        }
                    }
                }
            }
            requiredByType.put(model, required);
            return required;
        }

        private static boolean markedRequired(Method getter) throws ReflectiveOperationException {
            for (Annotation annotation : getter.getAnnotations()) {
                if (annotation.annotationType().getName().equals("io.swagger.annotations.ApiModelProperty")) {
                    return (Boolean) annotation.annotationType().getMethod("required").invoke(annotation);
                }
            }
            return false;
        }

        private void problem(String what, String path) {
            problems.add(label + ": " + object + ": " + what + " " + path);
        }
    }

    /** Whether a class file's constant pool holds exactly this string (tag 1, two length bytes, the bytes). */
    private static boolean hasUtf8(byte[] classFile, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String entry = "\u0001" + (char) (bytes.length >> 8) + (char) (bytes.length & 0xff) + new String(bytes, StandardCharsets.ISO_8859_1);
        return new String(classFile, StandardCharsets.ISO_8859_1).contains(entry);
    }

    private static boolean fitsInteger(JsonElement json, int bits) {
        try {
            long whole = json.getAsBigDecimal().longValueExact(); // throws when fractional or beyond 64 bits
            return bits == 64 || whole == (int) whole;
        } catch (ArithmeticException | NumberFormatException e) {
            return false;
        }
    }

    /** A value as messages show it: strings (which may be secret) by their type only. */
    private static String shown(JsonElement json) {
        if (json.isJsonPrimitive() && json.getAsJsonPrimitive().isString()) {
            return "a string";
        }
        return json.isJsonArray() ? "a list" : json.isJsonObject() ? "an object" : json.toString();
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String text(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
