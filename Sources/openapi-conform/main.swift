print("openapi-conform")
