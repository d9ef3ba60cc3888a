import ConformFuzzDriver

runLibFuzzer(target: "exchange")
