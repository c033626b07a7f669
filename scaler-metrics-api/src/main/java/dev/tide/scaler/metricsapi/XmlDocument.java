package dev.tide.scaler.metricsapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An xml response read into the tree KEDA's xml format means to walk (its {@code xml.Unmarshal} into a map fails on
 * every response, see docs/compatibility.md): the root element is the top key, an element with child elements is a
 * map of their names, children that repeat a name are a list under it ({@code items.item.1}), and an element without
 * child elements is its trimmed text. Attributes are not read. No DTD, no external entity.
 */
final class XmlDocument {

    private static final DocumentBuilderFactory FACTORY = factory();

    private XmlDocument() {
    }

    static Map<String, Object> read(byte[] body) {
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            // Fatal errors are thrown, not printed to the standard error stream as the default handler does.
            builder.setErrorHandler(new DefaultHandler());
            Element root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
            Map<String, Object> document = new LinkedHashMap<>();
            document.put(root.getTagName(), value(root));
            return document;
        } catch (SAXException e) {
            throw new IllegalArgumentException("the response is not XML: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("the response cannot be read as XML: " + e);
        }
    }

    private static Object value(Element element) {
        Map<String, Object> children = new LinkedHashMap<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                children.merge(child.getTagName(), value(child), XmlDocument::repeated);
            }
        }
        return children.isEmpty() ? element.getTextContent().trim() : children;
    }

    /** A second element of one name turns the entry into a list of all of them, in document order. */
    @SuppressWarnings("unchecked")
    private static Object repeated(Object first, Object next) {
        List<Object> all = first instanceof Repeated ? (List<Object>) first : new Repeated(first);
        all.add(next);
        return all;
    }

    /** The list of same-named elements (a marker type, so that one element's own value is never taken for it). */
    private static final class Repeated extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        Repeated(Object first) {
            add(first);
        }
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses its own security features", e);
        }
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
