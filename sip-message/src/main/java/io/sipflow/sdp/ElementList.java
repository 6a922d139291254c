package io.sipflow.sdp;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Predicate;

/**
 * The live, mutable lists of the model (attributes, formats, media descriptions, ...).
 *
 * <p>A plain {@code ArrayList} would accept {@code null} or a string with a line break, and the
 * description would then fail (or inject lines) when serialized; this list checks every element
 * on the way in, through every mutation path ({@code add}, {@code set}, iterators, sub-lists,
 * {@code replaceAll}, {@code sort}), since {@link AbstractList} routes them all through
 * {@link #add(int, Object)} and {@link #set(int, Object)}. The array is allocated on the first
 * element: most lists of a parsed description stay empty.
 */
final class ElementList<E> extends AbstractList<E> implements RandomAccess {
    private static final Object[] EMPTY = {};

    private final Predicate<? super E> valid;
    private final String what;
    private Object[] elements = EMPTY;
    private int size;

    ElementList(Predicate<? super E> valid, String what) {
        this.valid = valid;
        this.what = what;
    }

    /** Elements must only be non-null. */
    ElementList(String what) {
        this(null, what);
    }

    private E check(E e) {
        Objects.requireNonNull(e, what);
        if (valid != null && !valid.test(e)) {
            throw new IllegalArgumentException("invalid " + what + ": \"" + e + "\"");
        }
        return e;
    }

    /** Appends an element the parser has already validated. */
    void addTrusted(E e) {
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, size == 0 ? 4 : size * 2);
        }
        elements[size++] = e;
        modCount++;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        Objects.checkIndex(index, size);
        return (E) elements[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public E set(int index, E element) {
        Objects.checkIndex(index, size);
        check(element);
        @SuppressWarnings("unchecked")
        E old = (E) elements[index];
        elements[index] = element;
        return old;
    }

    @Override
    public void add(int index, E element) {
        Objects.checkIndex(index, size + 1);
        check(element);
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, size == 0 ? 4 : size * 2);
        }
        System.arraycopy(elements, index, elements, index + 1, size - index);
        elements[index] = element;
        size++;
        modCount++;
    }

    @Override
    public E remove(int index) {
        Objects.checkIndex(index, size);
        @SuppressWarnings("unchecked")
        E old = (E) elements[index];
        System.arraycopy(elements, index + 1, elements, index, size - index - 1);
        elements[--size] = null;
        modCount++;
        return old;
    }

    /**
     * Removes the matching elements in one pass (the inherited version removes them one at a
     * time, which is quadratic). The predicate sees the elements in order, and nothing is
     * removed if it throws.
     */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        boolean[] remove = null;
        for (int i = 0; i < size; i++) {
            @SuppressWarnings("unchecked")
            E e = (E) elements[i];
            if (filter.test(e)) {
                if (remove == null) {
                    remove = new boolean[size];
                }
                remove[i] = true;
            }
        }
        if (remove == null) {
            return false;
        }
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (!remove[r]) {
                elements[w++] = elements[r];
            }
        }
        Arrays.fill(elements, w, size, null);
        size = w;
        modCount++;
        return true;
    }

    @Override
    public void clear() {
        Arrays.fill(elements, 0, size, null);
        size = 0;
        modCount++;
    }
}
