package dev.jkboot.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The resolution rule on a tree in memory, where every lookup is recorded: what a path names, and
 * that the walk never asks the tree for anything but single names inside directories it entered.
 */
class PathWalkTest {
    /** A node: a directory (children by name), a link (target) or a file (text). */
    record Node(String id, Map<String, Node> children, String target, String text) {
        static Node dir(String id) {
            return new Node(id, new HashMap<>(), null, null);
        }

        Node add(String name, Node child) {
            children.put(name, child);
            return this;
        }
    }

    static final class Tree implements PathWalk.Tree<Node, Exception> {
        final Node root = Node.dir("/");
        final List<String> lookups = new ArrayList<>();

        Node link(String target) {
            return new Node("link:" + target, null, target, null);
        }

        Node file(String text) {
            return new Node("file:" + text, null, null, text);
        }

        @Override
        public Node root() {
            return root;
        }

        @Override
        public Optional<Node> child(Node dir, String name, String path) {
            assertFalse(name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/"), name);
            lookups.add(path);
            return Optional.ofNullable(dir.children().get(name));
        }

        @Override
        public PathWalk.Type type(Node node) {
            return node.children() != null ? PathWalk.Type.DIRECTORY
                    : node.target() != null ? PathWalk.Type.SYMLINK : PathWalk.Type.FILE;
        }

        @Override
        public byte[] linkTarget(Node link, String path) {
            return link.target().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Exception failure(String message, String fix) {
            return new Exception(message);
        }
    }

    private final Tree tree = new Tree();

    PathWalkTest() {
        Node boot = Node.dir("boot");
        Node kernel = Node.dir("kernel");
        Node etc = Node.dir("etc");
        tree.root.add("boot", boot).add("etc", etc).add("secret", tree.file("inside secret"));
        boot.add("kernel", kernel).add("loader.conf", tree.file("conf"));
        etc.add("shadow", tree.file("the tree's shadow"));
        kernel.add("kernel", tree.file("kernel"))
                .add("absolute", tree.link("/etc/shadow"))
                .add("climbing", tree.link("../../../../../../secret"))
                .add("chain1", tree.link("chain2"))
                .add("chain2", tree.link("/boot/kernel/chain3"))
                .add("chain3", tree.link("../../etc/shadow"))
                .add("proc", tree.link("/proc/self/environ"))
                .add("up", tree.link(".."))
                .add("empty", tree.link(""))
                .add("loop1", tree.link("loop2"))
                .add("loop2", tree.link("./loop1"));
    }

    private String resolve(String path) throws Exception {
        PathWalk.Result<Node> r = PathWalk.resolve(tree, path, true);
        return r.node().map(Node::id).orElse("missing: " + r.missing());
    }

    @Test
    void absoluteLinksStartAgainAtTheRootOfTheTree() throws Exception {
        assertEquals("file:the tree's shadow", resolve("/boot/kernel/absolute"));
        assertEquals("/etc/shadow", PathWalk.resolve(tree, "/boot/kernel/absolute", true).resolvedPath());
    }

    @Test
    void dotDotStopsAtTheRoot() throws Exception {
        assertEquals("file:inside secret", resolve("/boot/kernel/climbing"));
        assertEquals("file:inside secret", resolve("/../../../secret"));
        assertEquals("/", resolve("/boot/kernel/up/../../../.."));
        assertEquals("file:conf", resolve("boot/kernel/up/loader.conf"), "a relative path starts at the root too");
    }

    @Test
    void chainedLinksResolveStepByStepInsideTheTree() throws Exception {
        assertEquals("file:the tree's shadow", resolve("/boot/kernel/chain1"));
    }

    @Test
    void aLinkOutOfTheTreeIsMissingInsideIt() throws Exception {
        assertEquals("missing: no \"proc\" in /", resolve("/boot/kernel/proc"));
        assertEquals("missing: /boot/kernel/empty is an empty symbolic link", resolve("/boot/kernel/empty"));
        assertEquals("missing: /boot/loader.conf is not a directory", resolve("/boot/loader.conf/x"));
    }

    @Test
    void theLastLinkIsFollowedOnlyWhenAsked() throws Exception {
        assertEquals("link:/etc/shadow", PathWalk.resolve(tree, "/boot/kernel/absolute", false).node()
                .orElseThrow().id());
        assertEquals("link:/etc/shadow", PathWalk.resolve(tree, "/boot/kernel/absolute/", false).node()
                .map(Node::id).orElse("missing"), "a trailing slash is no component: the link is still last");
    }

    @Test
    void loopsEndAfter32LinksWithUfsWording() {
        Exception e = assertThrows(Exception.class, () -> resolve("/boot/kernel/loop1"));
        assertEquals("more than 32 symbolic links while resolving /boot/kernel/loop1 (a loop?)", e.getMessage());
    }

    @Test
    void pathsFreeBsdWouldRefuseAreRefused() {
        assertThrows(Exception.class, () -> resolve("/boot/\0/x"));
        assertThrows(Exception.class, () -> resolve("/" + "a".repeat(PathWalk.MAXPATHLEN - 1)));
    }

    @Test
    void theTreeIsAskedOnlyForNamesInsideIt() throws Exception {
        resolve("/boot/kernel/climbing");
        resolve("/boot/kernel/chain1");
        resolve("/boot/kernel/proc");
        assertTrue(tree.lookups.stream().allMatch(p -> p.startsWith("/") && !p.contains("..") && !p.contains("//")),
                tree.lookups.toString());
        assertTrue(tree.lookups.contains("/proc"), "the link to /proc was looked up as the tree's own /proc");
    }
}
