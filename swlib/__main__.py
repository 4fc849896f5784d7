from .cli import entry

entry()  # main, then leave without Python's teardown of every module (swlib.quick_exit), as swreport does
