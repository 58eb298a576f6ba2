/**
 * Class loading: loaded classes, metaspace and compressed class space as trends, the class-loader types behind their
 * growth ({@code VM.classloader_stats}) and the class-name patterns that grow ({@code VM.classloaders}). Spring-free.
 */
package dev.memoryaudit.audit.classes;
