"""Loading: files on disk → plain data, plus a way to ask where a path sits in a file.

Nothing outside this package reads plan files.
"""
