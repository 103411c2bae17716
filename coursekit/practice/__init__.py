"""Practice mode: pure checking (``checking``), every HTML fragment (``markup``) and one
widget per question type. Widgets only wire the checking functions to buttons."""
