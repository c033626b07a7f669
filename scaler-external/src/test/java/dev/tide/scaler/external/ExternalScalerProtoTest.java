package dev.tide.scaler.external;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;
import externalscaler.ExternalScalerGrpc;
import externalscaler.Externalscaler;
import io.grpc.MethodDescriptor.MethodType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stubs generated at build time say what the kept copy of KEDA's {@code externalscaler.proto} says: package,
 * service, every method and every message field. The file is read as text, so a change on either side (a new copy of
 * the file, or a build that generates from something else) fails here.
 */
class ExternalScalerProtoTest {

    private static final Path PROTO = Path.of("src/main/protobuf/externalscaler.proto");
    private static final Pattern COMMENT = Pattern.compile("//[^\n]*");
    private static final Pattern SYNTAX = Pattern.compile("syntax\\s*=\\s*\"(\\w+)\"\\s*;");
    private static final Pattern PACKAGE = Pattern.compile("package\\s+([\\w.]+)\\s*;");
    private static final Pattern SERVICE = Pattern.compile("service\\s+(\\w+)\\s*\\{");
    private static final Pattern RPC = Pattern.compile(
            "rpc\\s+(\\w+)\\s*\\(\\s*(stream\\s+)?([\\w.]+)\\s*\\)\\s*returns\\s*\\(\\s*(stream\\s+)?([\\w.]+)\\s*\\)");
    private static final Pattern MESSAGE = Pattern.compile("message\\s+(\\w+)\\s*\\{([^}]*)}");
    private static final Pattern FIELD = Pattern.compile(
            "(repeated\\s+)?(map\\s*<\\s*\\w+\\s*,\\s*[\\w.]+\\s*>|[\\w.]+)\\s+(\\w+)\\s*=\\s*(\\d+)\\s*;");
    /** The scalar types of proto3; any other type name is a message of this file's package. */
    private static final List<String> SCALARS = List.of("double", "float", "int32", "int64", "uint32", "uint64", "sint32",
            "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes");

    /** One service method: request and response message full names, and which sides stream. */
    record Rpc(String input, boolean clientStreaming, String output, boolean serverStreaming) {
    }

    /** One message field; {@code type} is a scalar's name, a message's full name or {@code map<K, V>}. */
    record Field(String name, int number, boolean repeated, String type) {
    }

    private static String source;
    private static String protoPackage;
    private final FileDescriptor generated = Externalscaler.getDescriptor();

    @BeforeAll
    static void readTheKeptFile() throws IOException {
        source = COMMENT.matcher(Files.readString(PROTO)).replaceAll("");
        protoPackage = single(PACKAGE, source);
    }

    @Test
    void theStubsHaveTheFilesSyntaxAndPackage() {
        assertThat(generated.toProto().getSyntax()).isEqualTo(single(SYNTAX, source));
        assertThat(generated.getPackage()).isEqualTo(protoPackage).isEqualTo("externalscaler");
    }

    @Test
    void theStubsServeTheFilesOneServiceUnderKedasWireName() {
        assertThat(generated.getServices()).extracting(ServiceDescriptor::getFullName)
                .containsExactly(protoPackage + "." + single(SERVICE, source))
                .containsExactly("externalscaler.ExternalScaler");
        assertThat(ExternalScalerGrpc.SERVICE_NAME).isEqualTo("externalscaler.ExternalScaler");
    }

    @Test
    void everyMethodTakesAndReturnsWhatTheFileSays() {
        Map<String, Rpc> inFile = new LinkedHashMap<>();
        Matcher rpc = RPC.matcher(source);
        while (rpc.find()) {
            inFile.put(rpc.group(1), new Rpc(qualified(rpc.group(3)), rpc.group(2) != null, qualified(rpc.group(5)),
                    rpc.group(4) != null));
        }
        Map<String, Rpc> inDescriptor = new LinkedHashMap<>();
        for (MethodDescriptor method : generated.getServices().get(0).getMethods()) {
            inDescriptor.put(method.getName(), new Rpc(method.getInputType().getFullName(), method.isClientStreaming(),
                    method.getOutputType().getFullName(), method.isServerStreaming()));
        }
        // What the gRPC stubs send on the wire: their method names, call types and marshallers' message types.
        Map<String, Rpc> inStubs = new LinkedHashMap<>();
        for (io.grpc.MethodDescriptor<?, ?> method : ExternalScalerGrpc.getServiceDescriptor().getMethods()) {
            assertThat(method.getFullMethodName()).isEqualTo("externalscaler.ExternalScaler/" + method.getBareMethodName());
            inStubs.put(method.getBareMethodName(), new Rpc(messageType(method.getRequestMarshaller()),
                    isClientStreaming(method.getType()), messageType(method.getResponseMarshaller()),
                    isServerStreaming(method.getType())));
        }
        assertThat(inFile).hasSize(5).containsKeys("IsActive", "StreamIsActive", "GetMetricSpec", "GetMetrics",
                "StreamMetricSpec");
        assertThat(inDescriptor).isEqualTo(inFile);
        assertThat(inStubs).isEqualTo(inFile);
    }

    @Test
    void everyMessageHasTheFilesFieldsNumbersAndTypes() {
        Map<String, List<Field>> inFile = new LinkedHashMap<>();
        Matcher message = MESSAGE.matcher(source);
        while (message.find()) {
            List<Field> fields = new ArrayList<>();
            Matcher field = FIELD.matcher(message.group(2));
            while (field.find()) {
                fields.add(new Field(field.group(3), Integer.parseInt(field.group(4)), field.group(1) != null,
                        fileType(field.group(2))));
            }
            inFile.put(qualified(message.group(1)), fields);
        }
        Map<String, List<Field>> inDescriptor = new LinkedHashMap<>();
        for (Descriptor type : generated.getMessageTypes()) {
            inDescriptor.put(type.getFullName(), type.getFields().stream().map(ExternalScalerProtoTest::field).toList());
        }
        assertThat(inFile).hasSize(7);
        assertThat(inDescriptor).isEqualTo(inFile);
    }

    private static Field field(FieldDescriptor field) {
        return new Field(field.getName(), field.getNumber(), field.isRepeated() && !field.isMapField(), descriptorType(field));
    }

    private static String descriptorType(FieldDescriptor field) {
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            return "map<" + descriptorType(entry.findFieldByName("key")) + ", " + descriptorType(entry.findFieldByName("value")) + ">";
        }
        return switch (field.getJavaType()) {
            case MESSAGE -> field.getMessageType().getFullName();
            case ENUM -> field.getEnumType().getFullName();
            default -> field.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The file's spelling of a type, in the descriptor's terms: {@code map<K, V>}, a scalar, or a full message name. */
    private static String fileType(String written) {
        Matcher map = Pattern.compile("map\\s*<\\s*(\\w+)\\s*,\\s*([\\w.]+)\\s*>").matcher(written);
        if (map.matches()) {
            return "map<" + fileType(map.group(1)) + ", " + fileType(map.group(2)) + ">";
        }
        return SCALARS.contains(written) ? written : qualified(written);
    }

    private static String qualified(String name) {
        return name.contains(".") ? name : protoPackage + "." + name;
    }

    private static String messageType(io.grpc.MethodDescriptor.Marshaller<?> marshaller) {
        Object prototype = ((io.grpc.MethodDescriptor.PrototypeMarshaller<?>) marshaller).getMessagePrototype();
        return ((Message) prototype).getDescriptorForType().getFullName();
    }

    private static boolean isClientStreaming(MethodType type) {
        return type == MethodType.CLIENT_STREAMING || type == MethodType.BIDI_STREAMING;
    }

    private static boolean isServerStreaming(MethodType type) {
        return type == MethodType.SERVER_STREAMING || type == MethodType.BIDI_STREAMING;
    }

    private static String single(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, PROTO).isTrue();
        String value = matcher.group(1);
        assertThat(matcher.find()).as("a second match of %s in %s", pattern, PROTO).isFalse();
        return value;
    }
}
