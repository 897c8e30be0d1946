x = f"{a:{b:{c}}}" f"""{
1 +
2}"""
y = "unterminated
z = '''never closed
