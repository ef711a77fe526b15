package io.toggltasksync.testing;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh {@link SandboxFixture}: a started sandbox with projects P1 and P2 and a directory
 * of its own. The fixture is set into the test class's (non-static) fields of type {@code SandboxFixture}
 * before its {@code @BeforeEach} methods run, and injected as a parameter of the test method, of a
 * {@code @BeforeEach} or {@code @AfterEach} method, or of the constructor (per-method lifecycle); within one
 * test they all get the same fixture. It lives in the test's {@link ExtensionContext.Store}, which closes it (an AutoCloseable)
 * once the test and its {@code @AfterEach} methods are done: sandbox stopped, directory deleted. A
 * {@code @BeforeAll} method (or the constructor of a per-class-lifecycle test) is refused: its fixture
 * would serve many tests.
 *
 * <p>Works with {@code @QuarkusTest} (SyncEndToEndTest, JiraSyncTest, LongRunningModeTest): the test class,
 * this extension and the fixture are all loaded by Quarkus' class loader, and nothing is copied across.
 */
public final class SandboxExtension implements ParameterResolver, BeforeEachCallback {

    private static final Namespace NAMESPACE = Namespace.create(SandboxExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SandboxFixture.class;
    }

    @Override
    public SandboxFixture resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            // a @BeforeAll method, or the constructor of a per-class-lifecycle test: one fixture would serve many tests
            throw new ParameterResolutionException("SandboxFixture is made for one test: inject it into a test method, "
                    + "a @BeforeEach/@AfterEach method or the constructor of a per-method-lifecycle test class, not into "
                    + describe(parameter));
        }
        return fixture(context);
    }

    /** Sets the fields, so that a test class needs no {@code @BeforeEach} of its own to keep the fixture. */
    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        Object test = context.getRequiredTestInstance();
        for (Class<?> c = test.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getType() == SandboxFixture.class && !Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    field.set(test, fixture(context));
                }
            }
        }
    }

    private static SandboxFixture fixture(ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(SandboxFixture.class, k -> new SandboxFixture(), SandboxFixture.class);
    }

    /** Constructors see the test's own context (and store), as @BeforeEach methods do. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    private static String describe(ParameterContext parameter) {
        return parameter.getDeclaringExecutable() instanceof Constructor<?> c
                ? "the constructor of " + c.getDeclaringClass().getSimpleName()
                : parameter.getDeclaringExecutable().getName() + "()";
    }
}
